package dev.coffer.apps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A key file named in the apps file (a Google service account's JSON key, an App Store Server API
 * {@code .p8} key): a path relative to the apps file, read at load into its bytes. One that cannot be read is
 * added to the load's {@link Problems} with its path; the contents never appear in a message.
 */
final class FileContents extends StdScalarDeserializer<byte[]> {
  private static final long serialVersionUID = 1L;

  FileContents() {
    super(byte[].class);
  }

  @Override
  public byte[] deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException {
    final String name = StringDeserializer.instance.deserialize(p, ctxt).trim();
    final Path baseDir = AppsReader.baseDir(ctxt);
    final Path file = baseDir == null ? Path.of(name) : baseDir.resolve(name);
    try {
      return Files.readAllBytes(file);
    } catch (final IOException e) {
      AppsReader.problems(ctxt).add(Problems.path(p.getParsingContext()),
          "cannot read " + name + " (" + e.getMessage() + ")");
      return new byte[0];
    }
  }
}

package dev.coffer.apps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;

/**
 * A certificate named in the apps file: a file path (DER or PEM, relative to the apps file) or
 * {@code base64:<DER>}, read and parsed at load into its DER bytes. A bad one is added to the load's
 * {@link Problems} with its path.
 */
final class CertificateReference extends StdScalarDeserializer<byte[]> {
  private static final long serialVersionUID = 1L;
  private static final String INLINE = "base64:";
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String PEM_END = "-----END CERTIFICATE-----";

  CertificateReference() {
    super(byte[].class);
  }

  @Override
  public byte[] deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException {
    final String value = StringDeserializer.instance.deserialize(p, ctxt).trim();
    final String path = Problems.path(p.getParsingContext());
    final Problems problems = AppsReader.problems(ctxt);
    final byte[] der;
    try {
      der = value.startsWith(INLINE) ? Base64.getMimeDecoder().decode(value.substring(INLINE.length()))
          : read(AppsReader.baseDir(ctxt), value);
    } catch (final IllegalArgumentException e) {
      problems.add(path, "is not base64");
      return new byte[0];
    } catch (final IOException e) {
      problems.add(path, "cannot read " + value + " (" + e.getMessage() + ")");
      return new byte[0];
    }
    try {
      CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (final CertificateException e) {
      problems.add(path, "is not an X.509 certificate");
    }
    return der;
  }

  private static byte[] read(final Path baseDir, final String name) throws IOException {
    final byte[] bytes = Files.readAllBytes(baseDir == null ? Path.of(name) : baseDir.resolve(name));
    final String text = new String(bytes, StandardCharsets.US_ASCII);
    final int begin = text.indexOf(PEM_BEGIN);
    final int end = text.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      return bytes;
    }
    return Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
  }
}

package dev.coffer.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaFormatter;

/**
 * The released value schemas of each topic, one folder per topic under
 * {@code src/test/resources/schema-history}, files {@code v1.avsc}, {@code v2.avsc}, ...; and the
 * check that a schema can read every release's data and every release can read its data.
 */
final class SchemaHistory {
  static final Path ROOT = Path.of("src", "test", "resources", "schema-history");
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.avsc");
  /**
   * Topics checked BACKWARD only: new ledger payloads are new union branches, which an older reader cannot
   * decode (no union default exists), so these topics' consumers upgrade before their producers.
   */
  static final Set<String> BACKWARD_ONLY = Set.of("coffer.ledger-events", "coffer.ledger-sequence");

  /** One recorded release of a topic's value schema. */
  record Release(int version, Path file, Schema schema) {
  }

  private SchemaHistory() {
  }

  /** The recorded releases of {@code topic}, oldest first (empty if none). */
  static List<Release> releases(final Path root, final String topic) {
    final Path dir = root.resolve(topic);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      final List<Release> releases = new ArrayList<>();
      for (final Path file : files.toList()) {
        final Matcher m = VERSION.matcher(file.getFileName().toString());
        if (m.matches()) {
          // A fresh parser per file: each release defines the same names again.
          releases.add(new Release(Integer.parseInt(m.group(1)), file,
              new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8))));
        }
      }
      releases.sort(Comparator.comparingInt(Release::version));
      return releases;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What keeps {@code current} from being BACKWARD and FORWARD compatible with every release
   * (transitively; BACKWARD only for {@link #BACKWARD_ONLY}): one line per problem, naming the topic, the
   * release and the direction.
   */
  static List<String> incompatibilities(final String topic, final Schema current,
                                        final List<Release> releases) {
    final List<String> problems = new ArrayList<>();
    for (final Release release : releases) {
      // BACKWARD: today's code reads what release N wrote.
      describe(SchemaCompatibility.checkReaderWriterCompatibility(current, release.schema()),
          topic + ": current schema cannot read data written with v" + release.version(), problems);
      if (BACKWARD_ONLY.contains(topic)) {
        continue;
      }
      // FORWARD: release N's code reads what today's code writes.
      describe(SchemaCompatibility.checkReaderWriterCompatibility(release.schema(), current),
          topic + ": v" + release.version() + " cannot read data written with the current schema",
          problems);
    }
    return problems;
  }

  /** Writes {@code schema} as the next release of {@code topic}, unless the latest is the same. */
  static Path recordIfChanged(final Path root, final String topic, final Schema schema) throws IOException {
    final List<Release> releases = releases(root, topic);
    final Release latest = releases.isEmpty() ? null : releases.get(releases.size() - 1);
    if (latest != null && latest.schema().toString().equals(schema.toString())) {
      return null;
    }
    final int next = latest == null ? 1 : latest.version() + 1;
    final Path file = root.resolve(topic).resolve("v" + next + ".avsc");
    Files.createDirectories(file.getParent());
    Files.writeString(file, SchemaFormatter.format("json/pretty", schema) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static void describe(final SchemaPairCompatibility result, final String what,
                               final List<String> problems) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (final Incompatibility i : result.getResult().getIncompatibilities()) {
      problems.add(what + ": " + i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
    }
  }
}

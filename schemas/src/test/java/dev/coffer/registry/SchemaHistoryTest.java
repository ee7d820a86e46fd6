package dev.coffer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.registry.SchemaHistory.Release;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every topic's current value schema against its recorded releases (see schemas/README.md): old
 * data must stay readable by new code, and new data by old code, because consumers and the
 * registry's BACKWARD_TRANSITIVE check both depend on it. The ledger's own topics
 * ({@link SchemaHistory#BACKWARD_ONLY}) are checked backward only: a new event payload is a new union
 * branch, which no older reader can decode.
 */
class SchemaHistoryTest {
  private static final String LEDGER_EVENTS = CofferTopics.LEDGER_EVENTS.name();
  private static final String LEDGER_OUTCOMES = CofferTopics.LEDGER_OUTCOMES.name();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTopicIsCompatibleWithEveryRelease() {
    final List<String> problems = new ArrayList<>();
    int checked = 0;
    for (final TopicSpec topic : CofferTopics.all()) {
      if (topic.valueType() == null) {
        continue;
      }
      final List<Release> releases = SchemaHistory.releases(SchemaHistory.ROOT, topic.name());
      if (releases.isEmpty()) {
        problems.add(topic.name() + ": no recorded release under " + SchemaHistory.ROOT.resolve(topic.name())
            + " (see schemas/README.md)");
        continue;
      }
      problems.addAll(SchemaHistory.incompatibilities(topic.name(), current(topic), releases));
      checked++;
    }

    assertThat(problems).as("schema incompatibilities, by topic").isEmpty();
    assertThat(checked).isEqualTo((int) CofferTopics.all().stream().filter(TopicSpec::avro).count());
  }

  @Test
  void aNewFieldWithoutDefaultIsCaught() throws IOException {
    final ObjectNode json = release1(LEDGER_EVENTS);
    ((ArrayNode) json.get("fields")).addObject().put("name", "tenantRegion").put("type", "string");
    final Schema breaking = new Schema.Parser().parse(json.toString());

    final List<String> problems = SchemaHistory.incompatibilities(LEDGER_EVENTS, breaking,
        SchemaHistory.releases(SchemaHistory.ROOT, LEDGER_EVENTS));

    assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(LEDGER_EVENTS + ": "));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("current schema cannot read data written with v1").contains("tenantRegion"));
  }

  @Test
  void aRemovedFieldWithoutDefaultIsCaught() throws IOException {
    final ObjectNode json = release1(LEDGER_OUTCOMES);
    final Iterator<JsonNode> fields = json.get("fields").iterator();
    while (fields.hasNext()) {
      if ("appId".equals(fields.next().get("name").asText())) {
        fields.remove();
      }
    }
    final Schema breaking = new Schema.Parser().parse(json.toString());

    final List<String> problems = SchemaHistory.incompatibilities(LEDGER_OUTCOMES, breaking,
        SchemaHistory.releases(SchemaHistory.ROOT, LEDGER_OUTCOMES));

    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("v1 cannot read data written with the current schema").contains("appId"));
  }

  @Test
  void aNewPayloadBranchIsOnlyCheckedBackwardOnTheLedgerTopics() throws IOException {
    // A new union branch: today's code reads old data, an old reader cannot decode the new branch.
    final ObjectNode json = release1(LEDGER_EVENTS);
    for (final JsonNode field : json.get("fields")) {
      if ("payload".equals(field.get("name").asText())) {
        ((ArrayNode) field.get("type")).addObject().put("type", "record").put("name", "Gift")
            .putArray("fields").addObject().put("name", "note").put("type", "string");
      }
    }
    final Schema withBranch = new Schema.Parser().parse(json.toString());

    final List<Release> v1 = SchemaHistory.releases(SchemaHistory.ROOT, LEDGER_EVENTS).subList(0, 1);

    assertThat(SchemaHistory.incompatibilities(LEDGER_EVENTS, withBranch, v1)).isEmpty();
    assertThat(SchemaHistory.incompatibilities("coffer.other", withBranch, v1))
        .anySatisfy(p -> assertThat(p).contains("cannot read data written with the current schema"));
  }

  @Test
  void recordingWritesTheNextReleaseOnlyWhenTheSchemaChanged(@TempDir final Path root) throws IOException {
    final Schema current = current(CofferTopics.PLAYER_KEYS);

    final Path first = SchemaHistory.recordIfChanged(root, "t", current);

    assertThat(first).hasFileName("v1.avsc");
    assertThat(SchemaHistory.recordIfChanged(root, "t", current)).isNull();
    assertThat(SchemaHistory.releases(root, "t")).extracting(Release::schema).containsExactly(current);
  }

  /**
   * Records the current schemas as the next release of every topic whose schema changed. Run it
   * when releasing: {@code ./mvnw -pl schemas test -Dtest=SchemaHistoryTest -Dcoffer.schema-history.record=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "coffer.schema-history.record", matches = "true")
  void recordRelease() throws IOException {
    for (final TopicSpec topic : CofferTopics.all()) {
      if (topic.valueType() != null) {
        SchemaHistory.recordIfChanged(SchemaHistory.ROOT, topic.name(), current(topic));
      }
    }
  }

  private static Schema current(final TopicSpec topic) {
    return SpecificData.get().getSchema(topic.valueType());
  }

  private static ObjectNode release1(final String topic) throws IOException {
    return (ObjectNode) JSON.readTree(Files.readString(SchemaHistory.ROOT.resolve(topic).resolve("v1.avsc")));
  }
}

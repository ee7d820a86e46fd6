package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.registry.SchemaRejectedException;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry enforces Coffer's schema contracts (a real Apicurio, through its Confluent-compatible
 * API): analytics' topics are FULL_TRANSITIVE, so a version that drops a required field, which readers
 * still on the old schema cannot read, is refused; the registry-wide default is not NONE.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(CofferStackExtension.class)
class SubjectContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theRegistryRefusesABreakingChangeToAContractTopic(final CofferStack stack) throws Exception {
    final TopicSpec purchaseLog = CofferTopics.PURCHASE_LOG.named(stack.uniqueName("contract.purchase-log"));
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
      new SubjectInstaller(registry).apply(List.of(purchaseLog));
      final Schema current = SpecificData.get().getSchema(purchaseLog.valueType());

      assertThatThrownBy(() -> registry.register(purchaseLog.valueSubject(), without(current, "marketOrderId")))
          .as("a version without the required marketOrderId")
          .isInstanceOf(SchemaRejectedException.class);
      // A field added with a default is fine both ways.
      assertThat(registry.register(purchaseLog.valueSubject(), withOptional(current, "campaign")))
          .isPositive();
    }
    assertThat(config(stack, "/config/" + purchaseLog.valueSubject())).contains("FULL_TRANSITIVE");
    assertThat(config(stack, "/config")).contains("FULL_TRANSITIVE");
  }

  @Test
  void theLedgerInputIsBackwardTransitive(final CofferStack stack) throws Exception {
    final TopicSpec events = CofferTopics.LEDGER_EVENTS.named(stack.uniqueName("contract.ledger-events"));
    try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
      new SubjectInstaller(registry).apply(List.of(events));
    }
    assertThat(config(stack, "/config/" + events.valueSubject())).contains("BACKWARD_TRANSITIVE");
  }

  private static Schema without(final Schema schema, final String field) throws Exception {
    final ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    final Iterator<?> fields = ((ArrayNode) json.get("fields")).iterator();
    while (fields.hasNext()) {
      if (field.equals(((ObjectNode) fields.next()).get("name").asText())) {
        fields.remove();
      }
    }
    return new Schema.Parser().parse(JSON.writeValueAsString(json));
  }

  private static Schema withOptional(final Schema schema, final String field) throws Exception {
    final ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    final ObjectNode added = ((ArrayNode) json.get("fields")).addObject();
    added.put("name", field);
    added.putArray("type").add("null").add("string");
    added.putNull("default");
    return new Schema.Parser().parse(JSON.writeValueAsString(json));
  }

  private static String config(final CofferStack stack, final String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      final HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + path))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      return answer.body();
    }
  }
}

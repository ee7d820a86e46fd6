package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.client.model.Balance;
import dev.coffer.client.model.BalanceChange;
import dev.coffer.client.model.EventType;
import dev.coffer.client.model.Instance;
import dev.coffer.client.model.InstanceChange;
import dev.coffer.client.model.InstanceStatus;
import dev.coffer.client.model.Item;
import dev.coffer.client.model.LedgerEntry;
import dev.coffer.client.model.MigrationResult;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.OutcomeStatus;
import dev.coffer.client.model.Product;
import dev.coffer.client.model.ProductType;
import dev.coffer.client.model.Purchase;
import dev.coffer.client.model.PurchaseStatus;
import dev.coffer.client.model.RejectionReason;
import dev.coffer.client.model.Store;
import dev.coffer.client.model.Subscription;
import dev.coffer.client.model.SubscriptionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SDK copies the wire's enums and shapes as plain Java (it depends on nothing of Coffer). This test reads
 * the repository's own contracts, the Avro schemas and both {@code openapi.yaml} files, and fails when a copy
 * drifts from them: a symbol added, removed or renamed, a field of an answer the SDK does not carry.
 */
class WireContractTest {
  private static final Path ROOT = Path.of("../..");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyEnumIsTheAvroEnumSymbolForSymbol() throws IOException {
    assertThat(names(RejectionReason.class)).isEqualTo(avroSymbols("RejectionReason"));
    assertThat(names(EventType.class)).isEqualTo(avroSymbols("EventType"));
    assertThat(names(InstanceStatus.class)).isEqualTo(avroSymbols("InstanceStatus"));
    assertThat(names(OutcomeStatus.class)).isEqualTo(avroSymbols("OutcomeStatus"));
    assertThat(names(ProductType.class)).isEqualTo(avroSymbols("ProductType"));
    assertThat(names(Store.class)).isEqualTo(avroSymbols("Store"));
    assertThat(names(SubscriptionStatus.class)).isEqualTo(avroSymbols("SubscriptionStatus"));
  }

  @Test
  void everyEnumIsTheOpenApiEnumOfBothDocuments() throws IOException {
    for (final JsonNode schemas : List.of(schemas(gateway()), schemas(projections()))) {
      assertThat(names(RejectionReason.class)).isEqualTo(symbols(schemas.at("/RejectionReason/enum")));
      assertThat(names(EventType.class)).isEqualTo(symbols(schemas.at("/Outcome/properties/eventType/enum")));
      assertThat(names(OutcomeStatus.class)).isEqualTo(symbols(schemas.at("/Outcome/properties/status/enum")));
      assertThat(names(InstanceStatus.class)).isEqualTo(symbols(schemas.at("/Instance/properties/status/enum")));
      assertThat(names(Store.class)).isEqualTo(symbols(schemas.at("/Instance/properties/store/enum")));
      assertThat(names(ProductType.class)).isEqualTo(symbols(schemas.at("/Instance/properties/productType/enum")));
      assertThat(names(SubscriptionStatus.class))
          .isEqualTo(symbols(schemas.at("/Instance/properties/subscriptionStatus/enum")));
    }
    final JsonNode read = schemas(projections());
    assertThat(names(PurchaseStatus.class)).isEqualTo(symbols(read.at("/Purchase/properties/status/enum")));
    assertThat(Set.copyOf(names(SubscriptionStatus.class)))
        .isEqualTo(Set.copyOf(symbols(read.at("/Subscription/properties/status/enum"))));
  }

  @Test
  void requestEnumsAreTheGatewaysToo() throws IOException {
    final JsonNode paths = gateway().path("paths");
    final List<String> purchaseStores = symbols(paths.at("/~1v1~1apps~1{appId}~1purchases/post/requestBody/content"
        + "/application~1json/schema/properties/store/enum"));
    assertThat(purchaseStores).isNotEmpty();
    assertThat(Arrays.stream(Store.values()).map(Store::wireName).toList()).containsAll(purchaseStores);
    assertThat(names(MigrationResult.Status.class)).isEqualTo(symbols(paths.at("/~1v1~1apps~1{appId}~1migrate~1{kind}"
        + "/post/responses/200/content/application~1json/schema/properties/results/items/properties/status/enum")));
    assertThat(names(ProductType.class))
        .isEqualTo(symbols(schemas(gateway()).at("/Product/properties/productType/enum")));
  }

  @Test
  void answersCarryEveryFieldTheDocumentsName() throws IOException {
    final JsonNode write = schemas(gateway());
    final JsonNode read = schemas(projections());
    for (final JsonNode schemas : List.of(write, read)) {
      assertFields(Outcome.class, schemas.path("Outcome"));
      assertFields(BalanceChange.class, schemas.path("BalanceChange"));
      assertFields(InstanceChange.class, schemas.path("InstanceChange"));
      assertFields(Instance.class, schemas.path("Instance"));
    }
    assertFields(Balance.class, read.path("Balance"));
    assertFields(Purchase.class, read.path("Purchase"));
    assertFields(Subscription.class, read.path("Subscription"));
    assertFields(LedgerEntry.class, read.path("HistoryEntry"));
    assertFields(Product.class, write.path("Product"));
    assertFields(Item.class, write.path("Item"));
  }

  private static void assertFields(final Class<? extends Record> type, final JsonNode schema) {
    final Set<String> documented = new LinkedHashSet<>();
    schema.path("properties").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).as("%s's schema", type.getSimpleName()).isNotEmpty();
    assertThat(Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet()))
        .as("the fields of %s", type.getSimpleName()).isEqualTo(documented);
  }

  private static List<String> names(final Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  private static List<String> avroSymbols(final String name) throws IOException {
    return symbols(JSON.readTree(ROOT.resolve("schemas/src/main/avro/shared/" + name + ".avsc").toFile())
        .path("symbols"));
  }

  private static List<String> symbols(final JsonNode list) {
    final List<String> out = new ArrayList<>();
    list.forEach(n -> {
      if (!n.isNull()) {
        out.add(n.asText());
      }
    });
    return out;
  }

  private static JsonNode gateway() throws IOException {
    return yaml("ingest-gateway/src/main/resources/openapi.yaml");
  }

  private static JsonNode projections() throws IOException {
    return yaml("projections/src/main/resources/dev/coffer/projections/http/openapi.yaml");
  }

  private static JsonNode schemas(final JsonNode document) {
    return document.path("components").path("schemas");
  }

  private static JsonNode yaml(final String file) throws IOException {
    final Path path = ROOT.resolve(file);
    assertThat(path).as("the repository's contract %s", file).exists();
    return YAML.readTree(Files.readString(path));
  }
}

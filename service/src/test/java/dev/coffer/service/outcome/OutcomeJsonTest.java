package dev.coffer.service.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.schemas.ledger.EventType;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.outcome.RejectionReason;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.schemas.state.InstanceStatus;
import dev.coffer.schemas.state.ItemInstance;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outcome JSON: what it renders, and that its documented schema says exactly that. */
class OutcomeJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void rendersEveryFieldOfALedgerOutcome() {
    final UUID eventId = UUID.randomUUID();
    final LedgerOutcome applied = outcome(eventId, OutcomeStatus.APPLIED, null, null);

    final JsonNode json = OutcomeJson.of(applied).tree();

    assertThat(json.get("eventId").asText()).isEqualTo(eventId.toString());
    assertThat(json.get("status").asText()).isEqualTo("APPLIED");
    assertThat(json.get("version").asLong()).isEqualTo(7);
    assertThat(json.get("reason").isNull()).isTrue();
    assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-01T10:00:00Z");
    assertThat(json.get("balances").get(0).get("balance").asLong()).isEqualTo(100);
    final JsonNode instance = json.get("instances").get(0).get("instance");
    assertThat(json.get("instances").get(0).get("delta").asLong()).isEqualTo(1);
    assertThat(instance.get("store").asText()).isEqualTo("GOOGLE_PLAY");
    assertThat(instance.get("subscriptionStatus").asText()).isEqualTo("ACTIVE");
    assertThat(instance.get("expiresAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(instance.get("autoRenew").asBoolean()).isTrue();
    assertThat(OutcomeJson.of(applied).rejected()).isFalse();
  }

  @Test
  void aDuplicateOfARejectionIsAFailedRequestThatNamesItsOriginal() {
    final LedgerOutcome duplicate = outcome(UUID.randomUUID(), OutcomeStatus.DUPLICATE, OutcomeStatus.REJECTED,
        "INSUFFICIENT_FUNDS");

    final OutcomeJson json = OutcomeJson.of(duplicate);

    assertThat(json.rejected()).isTrue();
    assertThat(json.reason()).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(json.originalStatus()).isEqualTo("REJECTED");
    assertThat(json.originalEventId()).isEqualTo(duplicate.getOriginalEventId());
  }

  @Test
  void aReasonIsReadFromTheTypedFieldOrTheStringAndAnUnknownOneIsUnknown() {
    final LedgerOutcome typed = outcome(UUID.randomUUID(), OutcomeStatus.REJECTED, null, "NOT_OWNED");
    typed.setRejectionReason(RejectionReason.NOT_OWNED);
    final LedgerOutcome later = outcome(UUID.randomUUID(), OutcomeStatus.REJECTED, null, "A_LATER_REASON");
    later.setRejectionReason(RejectionReason.UNKNOWN);

    assertThat(OutcomeJson.of(typed).reason()).isEqualTo("NOT_OWNED");
    assertThat(OutcomeJson.of(outcome(UUID.randomUUID(), OutcomeStatus.REJECTED, null, "NOT_OWNED")).reason())
        .as("written before the typed field").isEqualTo("NOT_OWNED");
    assertThat(OutcomeJson.of(later).reason()).isEqualTo("UNKNOWN");
    assertThat(OutcomeJson.of(later).message()).isEqualTo("why");
  }

  @Test
  void theDocumentedSchemaNamesExactlyTheRenderedFieldsAllRequired() throws IOException {
    final JsonNode schemas = schemas();
    final JsonNode json = OutcomeJson.of(outcome(UUID.randomUUID(), OutcomeStatus.APPLIED, null, null)).tree();

    assertThat(names(schemas.at("/Outcome/properties"))).containsExactlyElementsOf(names(json));
    assertThat(texts(schemas.at("/Outcome/required"))).containsExactlyElementsOf(names(json));
    assertThat(names(schemas.at("/BalanceChange/properties"))).containsExactlyElementsOf(names(json.at("/balances/0")));
    assertThat(names(schemas.at("/InstanceChange/properties")))
        .containsExactlyElementsOf(names(json.at("/instances/0")));
    assertThat(names(schemas.at("/Instance/properties")))
        .containsExactlyElementsOf(names(json.at("/instances/0/instance")));
  }

  @Test
  void theDocumentedEnumsAreTheAvroEnums() throws IOException {
    final JsonNode schemas = schemas();

    assertThat(texts(schemas.at("/Outcome/properties/eventType/enum"))).isEqualTo(symbols(EventType.values()));
    assertThat(texts(schemas.at("/Outcome/properties/status/enum"))).isEqualTo(symbols(OutcomeStatus.values()));
    assertThat(texts(schemas.at("/Outcome/properties/originalStatus/enum")))
        .containsExactly("APPLIED", "REJECTED", null);
    assertThat(texts(schemas.at("/RejectionReason/enum"))).isEqualTo(symbols(RejectionReason.values()));
    assertThat(texts(schemas.at("/Instance/properties/status/enum"))).isEqualTo(symbols(InstanceStatus.values()));
    assertThat(texts(schemas.at("/Instance/properties/productType/enum")))
        .isEqualTo(nullable(symbols(ProductType.values())));
    assertThat(texts(schemas.at("/Instance/properties/store/enum"))).isEqualTo(nullable(symbols(Store.values())));
    assertThat(texts(schemas.at("/Instance/properties/subscriptionStatus/enum")))
        .isEqualTo(nullable(symbols(SubscriptionStatus.values())));
  }

  static JsonNode schemas() throws IOException {
    try (InputStream in = OutcomeJson.class.getResourceAsStream(OutcomeJson.SCHEMAS_RESOURCE)) {
      assertThat(in).as(OutcomeJson.SCHEMAS_RESOURCE).isNotNull();
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  private static LedgerOutcome outcome(final UUID eventId, final OutcomeStatus status,
                                       final OutcomeStatus originalStatus, final String reason) {
    final Instant at = Instant.parse("2026-11-01T10:00:00Z");
    final ItemInstance instance = ItemInstance.newBuilder().setInstanceId("i-1").setItemId("vip").setQuantity(1)
        .setStatus(InstanceStatus.ACTIVE).setConsumable(false).setAcquiredAt(at).setSourceEventId(eventId.toString())
        .setProductId("vip_monthly").setProductType(ProductType.SUBSCRIPTION).setStore(Store.GOOGLE_PLAY)
        .setTransactionId("GPA.1").setOriginalTransactionId("GPA.1")
        .setSubscriptionStatus(SubscriptionStatus.ACTIVE).setExpiresAt(Instant.parse("2026-12-01T10:00:00Z"))
        .setAutoRenew(true).build();
    return LedgerOutcome.newBuilder().setEventId(eventId).setDedupeKey("app|player|ref|k1").setAppId("app")
        .setPlayerRef("ref").setEventType(EventType.PURCHASE_VERIFIED).setStatus(status).setReason(reason)
        .setMessage(reason == null ? null : "why").setOriginalEventId(originalStatus == null ? null
            : UUID.randomUUID().toString()).setOriginalStatus(originalStatus).setVersion(7)
        .setBalances(List.of(new BalanceChange("gems", 100L, 100L)))
        .setInstances(List.of(new InstanceChange(1L, instance))).setOccurredAt(at).build();
  }

  private static List<String> names(final JsonNode object) {
    final List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    assertThat(names).as("fields of %s", object).isNotEmpty();
    return names;
  }

  private static List<String> texts(final JsonNode array) {
    final List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.isNull() ? null : n.asText()));
    return texts;
  }

  private static List<String> symbols(final Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static List<String> nullable(final List<String> symbols) {
    final List<String> withNull = new ArrayList<>(symbols);
    withNull.add(null);
    return withNull;
  }
}

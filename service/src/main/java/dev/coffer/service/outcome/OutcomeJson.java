package dev.coffer.service.outcome;

import dev.coffer.service.json.PooledJson;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.RejectionReasons;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.ItemInstance;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one ledger event as JSON: what the gateway answers a write with, what projections
 * answers {@code GET /v1/apps/{appId}/events/{eventId}} with, field for field (the {@code Outcome}
 * schema of both OpenAPI documents). Built from the ledger's {@link LedgerOutcome} here and nowhere
 * else. Every field is always present; a field that does not apply is {@code null}. Instants are
 * ISO-8601 text in UTC.
 *
 * @param eventId the event this outcome answers: the one the request submitted (the id in a 202's
 *     {@code Location}), also for a DUPLICATE
 * @param appId the app
 * @param playerRef the player's pseudonymous ref (Kafka never sees the game's player id)
 * @param dedupeKey the event's dedupe key
 * @param eventType what kind of event it was ({@code PURCHASE_VERIFIED}, ..., {@code PLAYER_ERASED})
 * @param status {@code APPLIED}, {@code DUPLICATE} or {@code REJECTED}
 * @param reason the rejection reason when REJECTED, or the original's for a DUPLICATE of a rejection; else
 *     {@code null}: a {@code RejectionReason} symbol ({@code UNKNOWN} for one this build does not know yet)
 * @param message a human-readable explanation of {@code reason} (or of a DUPLICATE whose original is lost)
 * @param originalEventId for a DUPLICATE (and a dedupe-level rejection): the first event with the same
 *     dedupe key
 * @param originalStatus for a DUPLICATE: what became of the first event ({@code APPLIED} or {@code REJECTED})
 * @param version the player's version after the event (the original's, for a DUPLICATE): pass it as
 *     {@code ?minVersion=} to read your write
 * @param occurredAt when the event occurred
 * @param migration whether the event came from a migration (no webhook fires for it)
 * @param balances the balances the event changed (the original's, for a DUPLICATE)
 * @param instances the item instances the event changed (the original's, for a DUPLICATE)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OutcomeJson(String eventId, String appId, String playerRef, String dedupeKey, String eventType,
                          String status, String reason, String message, String originalEventId,
                          String originalStatus, long version, String occurredAt, boolean migration,
                          List<Balance> balances, List<InstanceChange> instances) {
  /**
   * The classpath resource of the outcome's OpenAPI schemas ({@code Outcome}, {@code RejectionReason},
   * {@code BalanceChange}, {@code InstanceChange}, {@code Instance}), which both services' {@code openapi.yaml}
   * carry word for word.
   */
  public static final String SCHEMAS_RESOURCE = "/dev/coffer/service/outcome/outcome-schemas.yaml";
  /** The status of an event that changed state. */
  public static final String APPLIED = "APPLIED";
  /** The status of a repeat of an earlier event's dedupe key. */
  public static final String DUPLICATE = "DUPLICATE";
  /** The status of a refused event. */
  public static final String REJECTED = "REJECTED";
  private static final ObjectMapper JSON = PooledJson.mapper();

  public OutcomeJson {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(status, "status");
    balances = List.copyOf(balances);
    instances = List.copyOf(instances);
  }

  /**
   * How one currency balance moved.
   *
   * @param currency the virtual currency
   * @param delta the signed change, in the smallest unit
   * @param balance the balance after it; negative only through a revocation (a debt)
   */
  public record Balance(String currency, long delta, long balance) {
  }

  /**
   * How one item instance moved.
   *
   * @param delta the signed change in quantity
   * @param instance the instance after the change
   */
  public record InstanceChange(long delta, Instance instance) {
  }

  /**
   * One item instance as it stands after a change (the {@code Instance} of the read API).
   *
   * @param instanceId derived from the event that created it
   * @param itemId the catalog item (the product, for a product that grants no item)
   * @param quantity units left
   * @param status {@code ACTIVE}, {@code CONSUMED}, {@code REVOKED} or {@code EXPIRED}
   * @param consumable whether it can be consumed
   * @param acquiredAt when the creating event occurred
   * @param sourceEventId the event that created it
   * @param productId the purchased product, when a purchase created it
   * @param productType the purchased product's type
   * @param store the store of that purchase
   * @param transactionId the store transaction (the latest renewal, for subscriptions)
   * @param originalTransactionId for subscriptions: the first transaction
   * @param subscriptionStatus for subscriptions: the status now
   * @param expiresAt for subscriptions: when the current period (or grace) ends
   * @param autoRenew for subscriptions: whether the store says it renews; {@code null} if it never said
   * @param cancelReason for subscriptions: why the store says it stops renewing, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Instance(String instanceId, String itemId, long quantity, String status, boolean consumable,
                         String acquiredAt, String sourceEventId, String productId, String productType, String store,
                         String transactionId, String originalTransactionId, String subscriptionStatus,
                         String expiresAt, Boolean autoRenew, String cancelReason) {
  }

  /**
   * The JSON of a ledger outcome.
   *
   * @param o the outcome as the ledger wrote it
   * @return its JSON form
   */
  public static OutcomeJson of(final LedgerOutcome o) {
    return new OutcomeJson(o.getEventId().toString(), o.getAppId(), o.getPlayerRef(), o.getDedupeKey(),
        name(o.getEventType()), o.getStatus().name(), name(RejectionReasons.of(o)), o.getMessage(),
        o.getOriginalEventId(),
        name(o.getOriginalStatus()), o.getVersion(), text(o.getOccurredAt()), o.getMigration(),
        o.getBalances().stream().map(OutcomeJson::balance).toList(),
        o.getInstances().stream().map(c -> new InstanceChange(c.getDelta(), instance(c.getInstance()))).toList());
  }

  /** Whether the request failed: REJECTED, or a DUPLICATE of a rejection. */
  @JsonIgnore
  public boolean rejected() {
    return REJECTED.equals(status) || DUPLICATE.equals(status) && REJECTED.equals(originalStatus);
  }

  /** This outcome as a JSON tree (e.g. to nest it in a problem). */
  public JsonNode tree() {
    return JSON.valueToTree(this);
  }

  private static Balance balance(final BalanceChange b) {
    return new Balance(b.getCurrency(), b.getDelta(), b.getBalance());
  }

  private static Instance instance(final ItemInstance i) {
    return new Instance(i.getInstanceId(), i.getItemId(), i.getQuantity(), name(i.getStatus()), i.getConsumable(),
        text(i.getAcquiredAt()), i.getSourceEventId(), i.getProductId(), name(i.getProductType()), name(i.getStore()),
        i.getTransactionId(), i.getOriginalTransactionId(), name(i.getSubscriptionStatus()), text(i.getExpiresAt()),
        i.getAutoRenew(), i.getCancelReason());
  }

  private static String name(final Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static String text(final Instant instant) {
    return instant == null ? null : instant.toString();
  }
}

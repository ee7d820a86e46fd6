package dev.coffer.gateway.players;

import dev.coffer.gateway.catalog.CatalogJson;
import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import java.time.Clock;

/**
 * Builds the events of a game server's player requests from their validated bodies. Items named in
 * grants must be in the app's catalog ({@code UNKNOWN_ITEM} otherwise). Every check is made before the
 * player is looked up ({@link PlayerEvent}).
 */
public final class PlayerRequests {
  /**
   * A request checked in full (body, catalog) and made into its event once the player's ref is known: a
   * bad request is refused before the directory makes a player for it.
   */
  @FunctionalInterface
  public interface PlayerEvent {
    /** The event of the player {@code playerRef}. */
    LedgerEvent of(String playerRef);
  }

  /**
   * The system key of an erasure: one per player, so a repeated erasure is a DUPLICATE; a system key, so a
   * caller's idempotency key {@code "erasure"} is another key and never blocks it.
   */
  public static final String ERASURE_KEY = "erasure";
  private final CatalogView catalog;
  private final Clock clock;

  /**
   * @param catalog the catalog
   * @param clock stamps {@code occurredAt}
   */
  public PlayerRequests(final CatalogView catalog, final Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * {@code POST /players/{playerId}/grants}: {@code {"idempotencyKey", "reason", "sourceRefId"?, "grants"}}.
   */
  public PlayerEvent grant(final String appId, final JsonBody body, final String requestId) {
    body.only("idempotencyKey", "reason", "sourceRefId", "grants");
    final String key = body.id("idempotencyKey");
    final String reason = body.text("reason", 200);
    final String sourceRefId = body.optionalText("sourceRefId", 200);
    final Grants grants = CatalogJson.grants(body.object("grants"));
    if (CatalogJson.empty(grants)) {
      throw JsonBody.invalid("grants", "must give at least one currency amount or item");
    }
    final GrantIssued payload = GrantIssued.newBuilder().setReason(reason).setSourceRefId(sourceRefId)
        .setGrants(catalog.resolve(appId, grants)).build();
    return ref -> LedgerEvents.forPlayer(appId, ref, key, payload, false, requestId, clock.instant());
  }

  /**
   * {@code POST /players/{playerId}/spend}:
   * {@code {"idempotencyKey", "currency", "amount", "reason", "sourceRefId"?}}.
   */
  public PlayerEvent spend(final String appId, final JsonBody body, final String requestId) {
    body.only("idempotencyKey", "currency", "amount", "reason", "sourceRefId");
    final String key = body.id("idempotencyKey");
    final CurrencySpent payload = CurrencySpent.newBuilder().setCurrency(body.id("currency"))
        .setAmount(body.positive("amount")).setReason(body.text("reason", 200))
        .setSourceRefId(body.optionalText("sourceRefId", 200)).build();
    return ref -> LedgerEvents.forPlayer(appId, ref, key, payload, false, requestId, clock.instant());
  }

  /**
   * {@code POST /players/{playerId}/items/{instanceId}/consume}:
   * {@code {"idempotencyKey", "quantity"? (default 1), "itemId"}}. The item's {@code onConsume} grants are
   * resolved from the catalog into the event together with {@code itemId}, and the ledger rejects the
   * consume ({@code ITEM_MISMATCH}) if the instance is of another item, so a caller cannot collect one
   * item's rewards by consuming another.
   */
  public PlayerEvent consume(final String appId, final String instanceId, final JsonBody body,
                             final String requestId) {
    body.only("idempotencyKey", "quantity", "itemId");
    final String key = body.id("idempotencyKey");
    final Long quantity = body.optionalPositive("quantity");
    final String itemId = body.id("itemId");
    final Item item = catalog.item(appId, itemId).orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_ITEM,
        "item " + itemId + " is not in the catalog of " + appId));
    final ItemConsumed payload = ItemConsumed.newBuilder().setInstanceId(instanceId).setItemId(itemId)
        .setQuantity(quantity == null ? 1 : quantity).setOnConsume(catalog.resolve(appId, item.getOnConsume())).build();
    return ref -> LedgerEvents.forPlayer(appId, ref, key, payload, false, requestId, clock.instant());
  }

  /** {@code DELETE /players/{playerId}}: the erasure marker, one per player. */
  public LedgerEvent erase(final String appId, final String playerRef, final String reason, final String requestId) {
    return LedgerEvents.forSystem(appId, playerRef, ERASURE_KEY, PlayerErased.newBuilder().setReason(reason).build(),
        false, requestId, clock.instant());
  }

  /**
   * A migrated grant (a row of {@code /migrate/*}): a {@code GrantIssued} marked as migration, keyed by the
   * row's own idempotency key (the caller's key space) or, with {@code system}, by a key Coffer made
   * ({@code migration:<batchId>:<row>}).
   */
  public PlayerEvent migrated(final String appId, final String key, final boolean system, final Grants grants,
                              final String requestId) {
    final GrantIssued grant = GrantIssued.newBuilder().setReason("migration")
        .setGrants(catalog.resolve(appId, grants)).build();
    return ref -> system ? LedgerEvents.forSystem(appId, ref, key, grant, true, requestId, clock.instant())
        : LedgerEvents.forPlayer(appId, ref, key, grant, true, requestId, clock.instant());
  }
}

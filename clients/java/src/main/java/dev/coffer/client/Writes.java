package dev.coffer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.client.model.ConsumeRequest;
import dev.coffer.client.model.Erasure;
import dev.coffer.client.model.GrantRequest;
import dev.coffer.client.model.MigrationResult;
import dev.coffer.client.model.MigrationRow;
import dev.coffer.client.model.NotificationResult;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.PurchaseRequest;
import dev.coffer.client.model.SpendRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's writes, under {@code /v1/apps/{appId}}. Each answers the ledger's {@link Outcome}: APPLIED,
 * or DUPLICATE when the request (its idempotency key, or its receipt) was recorded before, with the first
 * outcome. A refusal throws {@link RejectedException}; see {@link CofferException} for the rest. Sending the
 * same request object again is always safe: it carries its key.
 */
public final class Writes {
  /** The most rows one migration call takes. */
  public static final int MAX_MIGRATION_ROWS = 1_000;
  private final String app;
  private final Transport transport;

  Writes(final String appId, final Transport transport) {
    this.app = "/v1/apps/" + Transport.segment(appId);
    this.transport = transport;
  }

  /**
   * Verifies a store receipt and records the purchase ({@code POST /purchases}; a client key needs the
   * player's token, {@link CofferClient#withPlayerToken}). Receipt refusals are {@link ProblemException}s
   * with codes such as {@code BAD_SIGNATURE} or {@code UNKNOWN_PRODUCT}.
   */
  public Outcome purchase(final PurchaseRequest purchase) {
    final ObjectNode body = transport.json.object();
    body.put("playerId", purchase.playerId()).put("store", purchase.store().wireName());
    final ObjectNode receipt = body.putObject("receipt");
    purchase.receipt().forEach(receipt::put);
    putIf(body, "productId", purchase.productId());
    if (purchase.grants() != null) {
      body.set("grants", transport.json.tree(purchase.grants()));
    }
    putIf(body, "storeProductId", purchase.storeProductId());
    putIf(body, "price", purchase.price() == null ? null : purchase.price().toPlainString());
    putIf(body, "currency", purchase.currency());
    putIf(body, "country", purchase.country());
    putIf(body, "os", purchase.os());
    putIf(body, "market", purchase.market());
    if (purchase.playerLevel() != null) {
      body.put("playerLevel", purchase.playerLevel());
    }
    putIf(body, "grade", purchase.grade());
    return write("POST", app + "/purchases", body, null);
  }

  /** Grants currencies and items to a player ({@code POST /players/{playerId}/grants}, server key). */
  public Outcome grant(final String playerId, final GrantRequest grant) {
    final ObjectNode body = transport.json.object().put("idempotencyKey", grant.idempotencyKey())
        .put("reason", grant.reason());
    putIf(body, "sourceRefId", grant.sourceRefId());
    body.set("grants", transport.json.tree(grant.grants()));
    return write("POST", player(playerId) + "/grants", body, grant.idempotencyKey());
  }

  /**
   * Spends a player's currency ({@code POST /players/{playerId}/spend}, server key); an overdraw throws
   * {@link RejectedException} with {@code INSUFFICIENT_FUNDS}.
   */
  public Outcome spend(final String playerId, final SpendRequest spend) {
    final ObjectNode body = transport.json.object().put("idempotencyKey", spend.idempotencyKey())
        .put("currency", spend.currency()).put("amount", spend.amount()).put("reason", spend.reason());
    putIf(body, "sourceRefId", spend.sourceRefId());
    return write("POST", player(playerId) + "/spend", body, spend.idempotencyKey());
  }

  /**
   * Uses up units of an item instance ({@code POST /players/{playerId}/items/{instanceId}/consume}, server
   * key), crediting the item's {@code onConsume} grants.
   */
  public Outcome consume(final String playerId, final String instanceId, final ConsumeRequest consume) {
    final ObjectNode body = transport.json.object().put("idempotencyKey", consume.idempotencyKey())
        .put("itemId", consume.itemId()).put("quantity", consume.quantity());
    return write("POST", player(playerId) + "/items/" + Transport.segment(instanceId) + "/consume", body,
        consume.idempotencyKey());
  }

  /**
   * Erases a player (GDPR; {@code DELETE /players/{playerId}}, server key): always safe to repeat; a player
   * erased before answers {@link Erasure.Result#NO_OP_ALREADY_ERASED}.
   */
  public Erasure erase(final String playerId) {
    return erase(playerId, null);
  }

  /**
   * Erases a player with a reason (e.g. a ticket number, up to 200 characters, kept only encrypted). A
   * {@code pending} answer (the ledger's outcome was late) is finished by repeating the DELETE, as the API
   * asks, within the {@link FollowPolicy}'s bound.
   *
   * @param playerId the player
   * @param reason why, or {@code null}
   * @return erased, or why nothing was
   * @throws PendingException if it is still pending when the bound passes: call again to finish it
   */
  public Erasure erase(final String playerId, final String reason) {
    final String query = reason == null ? "" : "?reason=" + Transport.segment(reason);
    final Transport.Call call = Transport.Call.write("DELETE", player(playerId) + query, null, null)
        .with(Transport.Follow.NONE);
    final long deadline = System.nanoTime() + transport.follow().maxWait().toNanos();
    Duration pause = transport.follow().firstPoll();
    while (true) {
      final Erasure answer = transport.answer(call, body -> transport.json.read(body, Erasure.class), null);
      if (answer.result() != Erasure.Result.PENDING) {
        return answer;
      }
      if (System.nanoTime() + pause.toNanos() > deadline) {
        throw new PendingException(answer.eventId(), transport.base(Transport.Service.GATEWAY)
            .resolve(app + "/events/" + answer.eventId()), null, null);
      }
      Transport.pause(pause, call);
      pause = pause.multipliedBy(2).compareTo(transport.follow().maxPoll()) > 0 ? transport.follow().maxPoll()
          : pause.multipliedBy(2);
    }
  }

  /**
   * Migrates up to {@value #MAX_MIGRATION_ROWS} rows of one kind, each with its idempotency key: as
   * {@link #migrate(String, List)} without a batch.
   *
   * @throws IllegalArgumentException also when a row has no idempotency key (name a batch then)
   */
  public MigrationResult migrate(final List<? extends MigrationRow> rows) {
    if (rows.stream().anyMatch(r -> r.idempotencyKey() == null)) {
      throw new IllegalArgumentException("a row without an idempotencyKey is keyed by its batch and position:"
          + " call migrate(batchId, rows)");
    }
    return migrate(null, rows);
  }

  /**
   * Migrates up to {@value #MAX_MIGRATION_ROWS} rows of one kind ({@code POST /migrate/{kind}}, server key):
   * one result per row, in order; a bad row does not stop the others. Safe to send again: rows are
   * deduplicated on their idempotency key, or, without one, on {@code batchId} and their position in
   * {@code rows} (so send the same batch with the same id and the same rows in the same order).
   *
   * @param batchId names this batch (1 to 128 characters), or {@code null} when every row has a key
   * @param rows 1 to 1,000 rows, all of one kind
   * @return the per-row results
   * @throws IllegalArgumentException for no rows, too many, or rows of several kinds
   */
  public MigrationResult migrate(final String batchId, final List<? extends MigrationRow> rows) {
    if (rows.isEmpty() || rows.size() > MAX_MIGRATION_ROWS) {
      throw new IllegalArgumentException("a migration call takes 1 to " + MAX_MIGRATION_ROWS + " rows, not "
          + rows.size());
    }
    final String kind = rows.get(0).kind();
    final ObjectNode body = transport.json.object();
    putIf(body, "batchId", batchId);
    final ArrayNode list = body.putArray("rows");
    for (final MigrationRow row : rows) {
      if (!row.kind().equals(kind)) {
        throw new IllegalArgumentException("one migration call takes rows of one kind: " + kind + " and "
            + row.kind());
      }
      final ObjectNode r = list.addObject().put("playerId", row.playerId());
      putIf(r, "idempotencyKey", row.idempotencyKey());
      if (row instanceof MigrationRow.WalletRow w) {
        r.put("currency", w.currency()).put("amount", w.amount());
      } else if (row instanceof MigrationRow.InventoryRow i) {
        r.put("itemId", i.itemId()).put("quantity", i.quantity());
      } else if (row instanceof MigrationRow.PlayerRow p) {
        r.set("currencies", transport.json.tree(p.grants().currencies()));
        r.set("items", transport.json.tree(p.grants().items()));
      }
    }
    return transport.json(Transport.Call.write("POST", app + "/migrate/" + kind, transport.json.bytes(body), null)
        .with(Transport.Follow.NONE), MigrationResult.class);
  }

  /**
   * Reads a Google Play subscription back from the Play Developer API and records what lost notifications
   * would have ({@code POST /subscriptions/reconcile}, server key).
   */
  public NotificationResult reconcileGooglePlay(final String purchaseToken) {
    return notification(app + "/subscriptions/reconcile", transport.json.object().put("store", "google_play")
        .put("purchaseToken", purchaseToken), null);
  }

  /** Reads an App Store subscription back from the App Store Server API and records what is missing. */
  public NotificationResult reconcileAppStore(final String originalTransactionId) {
    return notification(app + "/subscriptions/reconcile", transport.json.object().put("store", "apple_app_store")
        .put("originalTransactionId", originalTransactionId), null);
  }

  /** Forwards an App Store Server Notification v2 ({@code POST /notifications/apple}; signed, no key needed). */
  public NotificationResult appleNotification(final String signedPayload) {
    return notification(app + "/notifications/apple", transport.json.object().put("signedPayload", signedPayload),
        null);
  }

  /**
   * Forwards a Google Play real-time developer notification ({@code POST /notifications/google?token=}).
   *
   * @param token the app's notification token
   * @param pubSubPushBody the Pub/Sub push body, as JSON text
   * @return what was recorded
   */
  public NotificationResult googleNotification(final String token, final String pubSubPushBody) {
    return raw(app + "/notifications/google?token=" + Transport.segment(token), pubSubPushBody, null);
  }

  /**
   * Forwards a Stripe webhook ({@code POST /notifications/stripe}), its raw body untouched (the signature
   * covers the bytes).
   *
   * @param signatureHeader the {@code Stripe-Signature} header as received
   * @param rawBody the body as received
   * @return what was recorded
   */
  public NotificationResult stripeNotification(final String signatureHeader, final String rawBody) {
    return raw(app + "/notifications/stripe", rawBody, Objects.requireNonNull(signatureHeader, "signatureHeader"));
  }

  /**
   * Waits for the outcome of a recorded event (after a {@link PendingException}), per the client's
   * {@link FollowPolicy}; a rejection throws {@link RejectedException}.
   */
  public Outcome awaitOutcome(final String eventId) {
    final Transport.Call call = Transport.Call.write("GET", app + "/events/" + Transport.segment(eventId), null, null);
    final URI location = URI.create(transport.base(Transport.Service.GATEWAY) + call.path());
    return new Follower(transport).poll(location, eventId, call, null);
  }

  private Outcome write(final String method, final String path, final ObjectNode body, final String key) {
    return transport.outcome(Transport.Call.write(method, path, transport.json.bytes(body), key));
  }

  private NotificationResult notification(final String path, final ObjectNode body, final String stripe) {
    return raw(path, new String(transport.json.bytes(body), StandardCharsets.UTF_8), stripe);
  }

  private NotificationResult raw(final String path, final String body, final String stripeSignature) {
    final Transport.Call call = Transport.Call.write("POST", path, body.getBytes(StandardCharsets.UTF_8), null)
        .with(Transport.Follow.ANY_OUTCOME, stripeSignature == null ? new String[0]
            : new String[] {"Stripe-Signature", stripeSignature});
    return transport.answer(call, bytes -> result(transport.json.treeOrEmpty(bytes)),
        outcome -> new NotificationResult("PROCESSED", null, List.of(outcome), List.of()));
  }

  private NotificationResult result(final JsonNode body) {
    if (body.has("eventId") && !body.has("events")) {
      return new NotificationResult("PROCESSED", null, List.of(transport.outcome(body)), List.of());
    }
    final List<Outcome> outcomes = new ArrayList<>();
    final List<String> pending = new ArrayList<>();
    for (final JsonNode event : body.path("events")) {
      if ("PENDING".equals(event.path("status").asText())) {
        pending.add(event.path("eventId").asText());
      } else {
        outcomes.add(transport.outcome(event));
      }
    }
    return new NotificationResult(body.path("status").asText("PROCESSED"), body.path("detail").asText(null),
        outcomes, pending);
  }

  private String player(final String playerId) {
    return app + "/players/" + Transport.segment(playerId);
  }

  private static void putIf(final ObjectNode node, final String field, final String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}

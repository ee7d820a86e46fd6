package dev.coffer.gateway.http;

import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.RecordSender;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.keys.PlayerKey;
import dev.coffer.schemas.privacy.PlayerDataKey;
import dev.coffer.topics.Topic;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/** A game server's player endpoints: grants, spend, consume, erasure. Server keys only. */
final class PlayersApi {
  private final Access access;
  private final PlayerRequests players;
  private final EventSubmitter submitter;
  private final RecordSender sender;
  private final Topic<String, PlayerDataKey> playerKeys;
  private final long maxBody;

  PlayersApi(final Access access, final PlayerRequests players, final EventSubmitter submitter,
             final RecordSender sender, final Topic<String, PlayerDataKey> playerKeys, final long maxBody) {
    this.access = access;
    this.players = players;
    this.submitter = submitter;
    this.sender = sender;
    this.playerKeys = playerKeys;
    this.maxBody = maxBody;
  }

  /**
   * {@code POST /v1/apps/{appId}/players/{playerId}/grants}: gives a player currencies and items
   * (reward, compensation). Body: {@code idempotencyKey}, {@code reason}, optional {@code sourceRefId},
   * {@code grants} ({@code {"currencies": {"gems": 100}, "items": {"sword": 1}}}, items from the
   * catalog; a permanent item is granted once, one unit). 200 APPLIED/DUPLICATE, 409
   * {@code ALREADY_OWNED}/{@code IDEMPOTENCY_KEY_REUSED}, 422 {@code UNKNOWN_ITEM}/{@code NON_CONSUMABLE_QUANTITY}.
   */
  void grant(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final JsonBody body = Bodies.json(ctx, maxBody);
    final String ref = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    Submit.reply(ctx, caller.appId(), submitter.submit(players.grant(caller.appId(), ref, body, caller.requestId())));
  }

  /**
   * {@code POST /v1/apps/{appId}/players/{playerId}/spend}: spends virtual currency. Body:
   * {@code idempotencyKey}, {@code currency}, {@code amount} (1 to 10^12), {@code reason}, optional
   * {@code sourceRefId}. 200 APPLIED/DUPLICATE, 422 {@code INSUFFICIENT_FUNDS}, 409
   * {@code IDEMPOTENCY_KEY_REUSED}.
   */
  void spend(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final JsonBody body = Bodies.json(ctx, maxBody);
    final String ref = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    Submit.reply(ctx, caller.appId(), submitter.submit(players.spend(caller.appId(), ref, body, caller.requestId())));
  }

  /**
   * {@code POST /v1/apps/{appId}/players/{playerId}/items/{instanceId}/consume}: uses up units of an
   * item instance. Body: {@code idempotencyKey}, optional {@code quantity} (default 1), optional
   * {@code itemId} (its catalog {@code onConsume} grants are credited). 200 APPLIED/DUPLICATE, 422
   * {@code NOT_OWNED}, {@code NOT_ACTIVE}, {@code NOT_CONSUMABLE}, {@code INSUFFICIENT_QUANTITY}.
   */
  void consume(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String instanceId = JsonBody.pathId("instanceId", ctx.pathParam("instanceId"));
    final JsonBody body = Bodies.json(ctx, maxBody);
    final String ref = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    Submit.reply(ctx, caller.appId(),
        submitter.submit(players.consume(caller.appId(), ref, instanceId, body, caller.requestId())));
  }

  /**
   * {@code DELETE /v1/apps/{appId}/players/{playerId}}: GDPR erasure. Records {@code PlayerErased}
   * (once per player; a repeat is a DUPLICATE) and, once applied (again on a repeat), tombstones the player's data key in
   * {@code coffer.player-keys}. Optional query {@code reason} (e.g. a ticket number, up to 200
   * characters). 200 APPLIED/DUPLICATE.
   */
  void erase(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String reason = ctx.queryParam("reason");
    if (reason != null && (reason.isBlank() || reason.length() > 200
        || reason.codePoints().anyMatch(Character::isISOControl))) {
      throw JsonBody.invalid("reason", "must have 1 to 200 characters without control characters");
    }
    final String ref = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    final CompletableFuture<Submission> erased = submitter.submit(players.erase(caller.appId(), ref, reason,
        caller.requestId()))
        .thenCompose(s -> s instanceof Submission.Decided d && !Replies.rejected(d.outcome())
            // The data key's tombstone makes the player's encrypted fields unreadable for good.
            ? sender.send(playerKeys, PlayerKey.of(caller.appId(), ref), null)
                .thenApply(m -> s)
            : CompletableFuture.completedFuture(s));
    Submit.reply(ctx, caller.appId(), erased);
  }
}

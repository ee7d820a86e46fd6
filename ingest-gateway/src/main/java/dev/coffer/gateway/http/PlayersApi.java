package dev.coffer.gateway.http;

import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.requests.JsonBody;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coffer.gateway.ledger.KafkaUnavailableException;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A game server's player endpoints: grants, spend, consume, erasure. Server keys only. */
final class PlayersApi {
  /** The answer of an erasure that erased the player. */
  static final String ERASED = "erased";
  /** The answer of an erasure of a player erased before. */
  static final String ALREADY_ERASED = "no_op_already_erased";
  /** The answer of an erasure of a player Coffer never saw. */
  static final String NEVER_EXISTED = "no_op_never_existed";
  private final Access access;
  private final PlayerRequests players;
  private final EventSubmitter submitter;
  private final long maxBody;

  PlayersApi(final Access access, final PlayerRequests players, final EventSubmitter submitter,
             final long maxBody) {
    this.access = access;
    this.players = players;
    this.submitter = submitter;
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
    final PlayerRequests.PlayerEvent event = players.grant(caller.appId(), body, caller.requestId());
    final PlayerIdentity player = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    Submit.reply(ctx, caller.appId(), submitter.submit(caller.app(), player, event.of(player.playerRef())));
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
    final PlayerRequests.PlayerEvent event = players.spend(caller.appId(), body, caller.requestId());
    final PlayerIdentity player = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    Submit.reply(ctx, caller.appId(), submitter.submit(caller.app(), player, event.of(player.playerRef())));
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
    final PlayerRequests.PlayerEvent event = players.consume(caller.appId(), instanceId, body, caller.requestId());
    final PlayerIdentity player = access.player(ctx, caller, "playerId", ctx.pathParam("playerId"));
    Submit.reply(ctx, caller.appId(), submitter.submit(caller.app(), player, event.of(player.playerRef())));
  }

  /**
   * {@code DELETE /v1/apps/{appId}/players/{playerId}}: GDPR erasure (Article 17). Optional query
   * {@code reason} (e.g. a ticket number, up to 200 characters; kept only encrypted under the player's key).
   * Answers 200 {@code {"result": "erased", "eventId"}} once the ledger applied {@code PlayerErased} (the
   * player's read models drop; amounts stay, tied to an anonymous ref) and the directory forgot the player
   * (its external id leads nowhere; its data key is destroyed after the one {@code player.deleted} webhook);
   * 200 {@code {"result": "no_op_already_erased"}} or {@code {"result": "no_op_never_existed"}} when there is
   * nothing to erase. A later request for the same id starts a new, unlinked player. 202
   * {@code {"result": "pending", "eventId"}} with {@code Location} when the ledger's outcome did not come
   * within the wait bound, and 503 when Kafka or the directory did not answer: the erasure is not finished,
   * repeat the DELETE (a repeat is always safe, and finishes it).
   */
  void erase(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String reason = ctx.queryParam("reason");
    if (reason != null && (reason.isBlank() || reason.length() > 200
        || reason.codePoints().anyMatch(Character::isISOControl))) {
      throw JsonBody.invalid("reason", "must have 1 to 200 characters without control characters");
    }
    final String playerId = ctx.pathParam("playerId");
    final PlayerIdentity player = access.existingPlayer(ctx, caller, "playerId", playerId);
    if (!player.active()) {
      Replies.json(ctx, JsonNodeFactory.instance.objectNode().put("result",
          player.state() == PlayerIdentity.State.ERASED ? ALREADY_ERASED : NEVER_EXISTED));
      return;
    }
    // The ledger first, then the directory: a crash between the two leaves the player findable, and the
    // repeated DELETE finishes it (its PlayerErased is a DUPLICATE).
    final PlayerDirectory directory = access.directory();
    final CompletableFuture<Submission> erased = submitter.submit(caller.app(), player,
        players.erase(caller.appId(), player.playerRef(), reason, caller.requestId()))
        .thenCompose(s -> s instanceof Submission.Decided d && !Replies.rejected(d.outcome())
            ? directory.erase(caller.app(), playerId, player, erasureEventId(d), d.outcome().getVersion())
                .thenApply(after -> s)
            : CompletableFuture.completedFuture(s));
    ctx.future(() -> erased.handle((s, error) -> {
      if (error != null) {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        Replies.problem(ctx, cause instanceof KafkaUnavailableException || cause instanceof ProblemException
            ? Submit.failure(cause)
            : new ProblemException(503, PlayerDirectory.UNAVAILABLE, "the erasure was recorded but the player"
                + " directory did not confirm it: repeat the DELETE to finish it", 1L));
      } else if (s instanceof Submission.Decided d && !Replies.rejected(d.outcome())) {
        Replies.json(ctx, JsonNodeFactory.instance.objectNode().put("result", ERASED)
            .put("eventId", erasureEventId(d)));
      } else if (s instanceof Submission.Pending p) {
        ctx.status(202).header("Location", Replies.eventLocation(caller.appId(), p.eventId()));
        Replies.json(ctx, JsonNodeFactory.instance.objectNode().put("result", "pending").put("eventId", p.eventId())
            .put("detail", "the erasure is not finished: repeat the DELETE"));
      } else {
        Replies.submission(ctx, caller.appId(), s);
      }
      return null;
    }));
  }

  /** The erasure's event: the first submission's, when this one is a repeat. */
  private static String erasureEventId(final Submission.Decided d) {
    return d.outcome().getOriginalEventId() != null ? d.outcome().getOriginalEventId() : d.eventId();
  }
}

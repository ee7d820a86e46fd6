package dev.coffer.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.apps.Identifiers;
import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.catalog.CatalogJson;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.service.outcome.OutcomeJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/apps/{appId}/migrate/{players|wallets|inventory}}: bulk import of existing balances
 * and items from a previous system. Server keys only.
 */
final class MigrationApi {
  /** The most rows one call may carry. */
  static final int MAX_ROWS = 1_000;
  private final Access access;
  private final PlayerRequests players;
  private final EventSubmitter submitter;
  private final PlayerDirectory directory;
  private final long maxBulkBody;

  MigrationApi(final Access access, final PlayerRequests players, final EventSubmitter submitter,
               final long maxBulkBody) {
    this.access = access;
    this.directory = access.directory();
    this.players = players;
    this.submitter = submitter;
    this.maxBulkBody = maxBulkBody;
  }

  /**
   * {@code POST /v1/apps/{appId}/migrate/{kind}}: {@code {"batchId"?, "rows": [...]}} with 1 to 1,000 rows,
   * each becoming one {@code GrantIssued} marked {@code migration=true}, so no webhook fires. Rows by kind:
   * <ul>
   *   <li>{@code players}: {@code {"playerId", "currencies"?: {code: amount}, "items"?: {itemId: quantity}}}
   *   <li>{@code wallets}: {@code {"playerId", "currency", "amount"}}
   *   <li>{@code inventory}: {@code {"playerId", "itemId", "quantity"}}
   * </ul>
   * A row may carry an {@code idempotencyKey} (the caller's key space); a row without one is keyed by
   * {@code batchId} and its position ({@code migration:<batchId>:<row>}, a system key no caller's key can
   * reach), so two rows of equal content are two grants and sending the same batch again is safe. 400
   * {@code INVALID_FIELD} ({@code batchId}) when a row has no key and the request no {@code batchId}. Answers
   * 200 with one result per row, in order: {@code {"row", "status":
   * APPLIED|DUPLICATE|REJECTED|INVALID|PENDING|FAILED, "eventId"?, "originalEventId"?, "code"?, "detail"?}}
   * ({@code eventId} is the row's own event, {@code originalEventId} the first event of a DUPLICATE, as in the
   * outcome JSON); a bad row does not stop the others.
   */
  void migrate(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String kind = ctx.pathParam("kind");
    if (!List.of("players", "wallets", "inventory").contains(kind)) {
      throw new ProblemException(ErrorCode.NOT_FOUND, "migrate kinds are players, wallets and inventory");
    }
    final JsonBody body = Bodies.json(ctx, maxBulkBody).only("rows", "batchId");
    final String batchId = body.optionalId("batchId");
    final List<JsonBody> rows = body.objects("rows", MAX_ROWS, ErrorCode.TOO_MANY_ROWS);
    if (batchId == null && rows.stream().anyMatch(row -> !row.has("idempotencyKey"))) {
      throw JsonBody.invalid("batchId", "is required when a row has no idempotencyKey (rows are then keyed by"
          + " batch and position)");
    }
    final List<CompletableFuture<ObjectNode>> results = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      final int row = i;
      final Row parsed;
      try {
        parsed = row(kind, rows.get(i));
      } catch (final ProblemException e) {
        results.add(CompletableFuture.completedFuture(result(row, "INVALID").put("code", e.code())
            .put("detail", e.getMessage())));
        continue;
      }
      // The rows' players are found (or made) in the directory side by side: a thousand new players wait
      // for a few directory commits, not a thousand.
      final PlayerRequests.PlayerEvent event;
      try {
        event = parsed.key() != null
            ? players.migrated(caller.appId(), parsed.key(), false, parsed.grants(), caller.requestId())
            : players.migrated(caller.appId(), "migration:" + batchId + ":" + row, true, parsed.grants(),
                caller.requestId());
      } catch (final ProblemException e) {
        results.add(CompletableFuture.completedFuture(result(row, "INVALID").put("code", e.code())
            .put("detail", e.getMessage())));
        continue;
      }
      results.add(directory.create(caller.app(), parsed.playerId())
          .thenCompose(player -> submitter.submit(caller.app(), player, event.of(player.playerRef())))
          .handle((s, error) -> error != null ? failed(row, error) : rowResult(caller.appId(), row, s)));
    }
    ctx.future(() -> CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenRun(() -> {
      final ObjectNode reply = JsonNodeFactory.instance.objectNode();
      final ArrayNode list = reply.putArray("results");
      final Map<String, Integer> counts = new TreeMap<>();
      results.forEach(f -> {
        final ObjectNode r = f.join();
        list.add(r);
        counts.merge(r.get("status").asText(), 1, Integer::sum);
      });
      final ObjectNode summary = reply.putObject("counts");
      counts.forEach(summary::put);
      Replies.json(ctx, reply);
    }));
  }

  /** A valid row: its player, its caller key (or null), its grants. */
  private record Row(String playerId, String key, Grants grants) {
  }

  private static ObjectNode failed(final int row, final Throwable error) {
    final ProblemException p = error instanceof CompletionException && error.getCause() instanceof TimeoutException
        ? new ProblemException(503, PlayerDirectory.UNAVAILABLE, "the player directory did not answer in time", 1L)
        : Submit.failure(error);
    return result(row, "FAILED").put("code", p.code()).put("detail", p.getMessage());
  }

  private static ObjectNode rowResult(final String appId, final int row, final Submission s) {
    return switch (s) {
      case Submission.Pending p -> result(row, "PENDING").put("eventId", p.eventId())
          .put("location", Replies.eventLocation(appId, p.eventId()));
      case Submission.Decided d -> {
        final OutcomeJson outcome = OutcomeJson.of(d.outcome());
        final ObjectNode r = result(row, outcome.rejected() ? OutcomeJson.REJECTED : outcome.status());
        // The same meanings as the outcome's: eventId is the row's own event, originalEventId the first.
        r.put("eventId", outcome.eventId());
        if (outcome.originalEventId() != null) {
          r.put("originalEventId", outcome.originalEventId());
        }
        if (outcome.reason() != null) {
          r.put("code", outcome.reason());
        }
        yield r;
      }
    };
  }

  private static Row row(final String kind, final JsonBody row) {
    final Grants grants;
    switch (kind) {
      case "players" -> {
        row.only("playerId", "idempotencyKey", "currencies", "items");
        grants = CatalogJson.grants(row.amounts("currencies", 100), row.amounts("items", 100));
      }
      case "wallets" -> {
        row.only("playerId", "idempotencyKey", "currency", "amount");
        grants = CatalogJson.grants(Map.of(row.id("currency"), row.positive("amount")), Map.of());
      }
      default -> {
        row.only("playerId", "idempotencyKey", "itemId", "quantity");
        grants = CatalogJson.grants(Map.of(), Map.of(row.id("itemId"), row.positive("quantity")));
      }
    }
    if (CatalogJson.empty(grants)) {
      throw JsonBody.invalid(row.at("currencies"), "or items must give something");
    }
    final String playerId = row.text("playerId", 128);
    if (!Identifiers.isPlayerId(playerId)) {
      throw JsonBody.invalid(row.at("playerId"), "must be 1 to 128 characters without control characters");
    }
    return new Row(playerId, row.optionalId("idempotencyKey"), grants);
  }

  private static ObjectNode result(final int row, final String status) {
    return JsonNodeFactory.instance.objectNode().put("row", row).put("status", status);
  }
}

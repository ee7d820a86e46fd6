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
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.service.outcome.OutcomeJson;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

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
  private final long maxBulkBody;

  MigrationApi(final Access access, final PlayerRequests players, final EventSubmitter submitter,
               final long maxBulkBody) {
    this.access = access;
    this.players = players;
    this.submitter = submitter;
    this.maxBulkBody = maxBulkBody;
  }

  /**
   * {@code POST /v1/apps/{appId}/migrate/{kind}}: {@code {"rows": [...]}} with 1 to 1,000 rows, each
   * becoming one {@code GrantIssued} (reason {@code migration}) marked {@code migration=true}, so no
   * webhook fires. Rows by kind:
   * <ul>
   *   <li>{@code players}: {@code {"playerId", "currencies"?: {code: amount}, "items"?: {itemId: quantity}}}
   *   <li>{@code wallets}: {@code {"playerId", "currency", "amount"}}
   *   <li>{@code inventory}: {@code {"playerId", "itemId", "quantity"}}
   * </ul>
   * Each row may carry an {@code idempotencyKey}; without one it is derived from the row's content, so
   * sending the same file again is safe. Answers 200 with one result per row, in order:
   * {@code {"row", "status": APPLIED|DUPLICATE|REJECTED|INVALID|PENDING|FAILED, "eventId"?, "originalEventId"?,
   * "code"?, "detail"?}} ({@code eventId} is the row's own event, {@code originalEventId} the first event of a
   * DUPLICATE, as in the outcome JSON); a bad row does not stop the others.
   */
  void migrate(final Context ctx) {
    final Caller caller = access.caller(ctx, KeyRole.SERVER);
    final String kind = ctx.pathParam("kind");
    if (!List.of("players", "wallets", "inventory").contains(kind)) {
      throw new ProblemException(ErrorCode.NOT_FOUND, "migrate kinds are players, wallets and inventory");
    }
    final JsonBody body = Bodies.json(ctx, maxBulkBody).only("rows");
    final List<JsonBody> rows = body.objects("rows", MAX_ROWS, ErrorCode.TOO_MANY_ROWS);
    final List<CompletableFuture<ObjectNode>> results = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      final int row = i;
      final LedgerEvent event;
      try {
        event = event(caller, kind, rows.get(i));
      } catch (final ProblemException e) {
        results.add(CompletableFuture.completedFuture(result(row, "INVALID").put("code", e.code())
            .put("detail", e.getMessage())));
        continue;
      }
      results.add(submitter.submit(event).handle((s, error) -> {
        if (error != null) {
          final ProblemException p = Submit.failure(error);
          return result(row, "FAILED").put("code", p.code()).put("detail", p.getMessage());
        }
        return switch (s) {
          case Submission.Pending p -> result(row, "PENDING").put("eventId", p.eventId())
              .put("location", Replies.eventLocation(caller.appId(), p.eventId()));
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
      }));
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

  private LedgerEvent event(final Caller caller, final String kind, final JsonBody row) {
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
    final String given = row.optionalId("idempotencyKey");
    final String ref = caller.app().playerRef(playerId);
    final String key = given != null ? given : "migrate-" + kind + "-" + digest(ref, grants);
    return players.migrated(caller.appId(), ref, key, grants, caller.requestId());
  }

  /** A key derived from the row's content: the same row sent again is a DUPLICATE. */
  private static String digest(final String ref, final Grants grants) {
    final StringBuilder canonical = new StringBuilder(ref);
    new TreeMap<>(grants.getCurrencies()).forEach((c, a) -> canonical.append("|c:").append(c).append('=').append(a));
    grants.getItems().forEach(i -> canonical.append("|i:").append(i.getItemId()).append('=').append(i.getQuantity()));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 40);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static ObjectNode result(final int row, final String status) {
    return JsonNodeFactory.instance.objectNode().put("row", row).put("status", status);
  }
}

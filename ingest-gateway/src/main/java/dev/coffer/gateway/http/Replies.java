package dev.coffer.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.problem.ProblemJson;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.schemas.state.ItemInstance;
import io.javalin.http.Context;
import java.util.Set;

/**
 * How the gateway answers: a ledger outcome as 200 (APPLIED, or DUPLICATE of an applied event, with
 * the original's eventId), 409 or 422 (REJECTED, or DUPLICATE of a rejection, with the reason as
 * code), or 202 with {@code Location} past the wait bound; errors as RFC 9457 problem details.
 */
public final class Replies {
  /** The media type of problem details. */
  public static final String PROBLEM_JSON = ProblemJson.MEDIA_TYPE;
  /** Ledger reasons that are a conflict with what was recorded before (409); every other is 422. */
  static final Set<String> CONFLICTS = Set.of("RECEIPT_ALREADY_USED", "ALREADY_OWNED", "ALREADY_REVOKED",
      "TRANSACTION_ALREADY_RECORDED", "IDEMPOTENCY_KEY_REUSED");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Replies() {
  }

  /** Answers a submission. */
  public static void submission(final Context ctx, final String appId, final Submission submission) {
    switch (submission) {
      case Submission.Pending p -> {
        ctx.status(202).header("Location", eventLocation(appId, p.eventId()));
        final ObjectNode body = NODES.objectNode();
        body.put("eventId", p.eventId());
        body.put("status", "PENDING");
        json(ctx, body);
      }
      case Submission.Decided d -> {
        final ObjectNode body = outcomeNode(d.outcome());
        if (rejected(d.outcome())) {
          final String reason = d.outcome().getReason() == null ? "REJECTED" : d.outcome().getReason();
          final int status = CONFLICTS.contains(reason) ? 409 : 422;
          final ObjectNode problem = ProblemJson.node(status, reason,
              d.outcome().getMessage() == null ? "the ledger rejected the event" : d.outcome().getMessage(),
              ctx.path());
          // RFC 9457's "status" is the HTTP status: the ledger's own status travels as "outcome".
          body.set("outcome", body.remove("status"));
          problem.setAll(body);
          ProblemJson.answer(ctx, status, problem, 0);
        } else {
          ctx.status(200);
          json(ctx, body);
        }
      }
    }
  }

  /** Whether an outcome means the request failed: REJECTED, or a DUPLICATE of a rejection. */
  public static boolean rejected(final LedgerOutcome outcome) {
    return outcome.getStatus() == OutcomeStatus.REJECTED
        || outcome.getStatus() == OutcomeStatus.DUPLICATE && outcome.getOriginalStatus() == OutcomeStatus.REJECTED;
  }

  /** Where an event's outcome can be polled (served by projections). */
  public static String eventLocation(final String appId, final String eventId) {
    return "/v1/apps/" + appId + "/events/" + eventId;
  }

  /** The JSON of an outcome: {@code eventId} is the original's for a DUPLICATE. */
  public static ObjectNode outcomeNode(final LedgerOutcome o) {
    final ObjectNode body = NODES.objectNode();
    final String own = o.getEventId().toString();
    body.put("eventId", o.getOriginalEventId() != null ? o.getOriginalEventId() : own);
    body.put("submittedEventId", own);
    body.put("status", o.getStatus().name());
    if (o.getOriginalStatus() != null) {
      body.put("originalStatus", o.getOriginalStatus().name());
    }
    if (o.getReason() != null) {
      body.put("reason", o.getReason());
    }
    body.put("playerVersion", o.getVersion());
    final ArrayNode balances = body.putArray("balances");
    for (final BalanceChange b : o.getBalances()) {
      balances.addObject().put("currency", b.getCurrency()).put("delta", b.getDelta()).put("balance", b.getBalance());
    }
    final ArrayNode instances = body.putArray("instances");
    for (final InstanceChange c : o.getInstances()) {
      final ItemInstance i = c.getInstance();
      final ObjectNode n = instances.addObject();
      n.put("instanceId", i.getInstanceId()).put("itemId", i.getItemId()).put("delta", c.getDelta())
          .put("quantity", i.getQuantity()).put("status", i.getStatus().name()).put("consumable", i.getConsumable())
          .put("acquiredAt", i.getAcquiredAt().toString());
      if (i.getProductId() != null) {
        n.put("productId", i.getProductId());
      }
      if (i.getTransactionId() != null) {
        n.put("transactionId", i.getTransactionId());
      }
      if (i.getSubscriptionStatus() != null) {
        n.put("subscriptionStatus", i.getSubscriptionStatus().name());
      }
      if (i.getExpiresAt() != null) {
        n.put("expiresAt", i.getExpiresAt().toString());
      }
    }
    return body;
  }

  /** Answers a problem. */
  public static void problem(final Context ctx, final ProblemException problem) {
    ProblemJson.answer(ctx, problem);
  }

  /** Answers JSON. */
  public static void json(final Context ctx, final JsonNode body) {
    ctx.contentType("application/json").result(bytes(body));
  }

  static byte[] bytes(final JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write a reply", e);
    }
  }
}

package dev.coffer.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.service.http.ServiceHttp;
import dev.coffer.service.outcome.OutcomeJson;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.problem.ProblemJson;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.RejectionReason;
import dev.coffer.schemas.outcome.RejectionReasons;
import io.javalin.http.Context;

/**
 * How the gateway answers: a ledger outcome ({@link OutcomeJson}, the same JSON projections serves) as
 * 200 (APPLIED, or DUPLICATE of an applied event), 409 or 422 (REJECTED, or DUPLICATE of a rejection: a
 * problem with the reason as code and the outcome under {@code outcome}), or 202 with {@code Location}
 * past the wait bound; errors as RFC 9457 problem details.
 */
public final class Replies {
  /** The media type of problem details. */
  public static final String PROBLEM_JSON = ProblemJson.MEDIA_TYPE;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Replies() {
  }

  /**
   * Answers a submission: 200 with the {@link OutcomeJson}; for a rejection (or a DUPLICATE of one), a
   * problem whose {@code code} is the rejection reason and whose {@code outcome} is the same
   * {@link OutcomeJson}; 202 {@code {"eventId", "status": "PENDING"}} with {@code Location} past the wait.
   */
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
        final OutcomeJson outcome = OutcomeJson.of(d.outcome());
        if (outcome.rejected()) {
          final RejectionReason known = RejectionReasons.of(d.outcome());
          final RejectionReason reason = known == null ? RejectionReason.UNKNOWN : known;
          final int status = RejectionStatus.of(reason);
          final ObjectNode problem = ProblemJson.node(status, reason.name(),
              outcome.message() == null ? "the ledger rejected the event" : outcome.message(), ctx.path());
          problem.set("outcome", outcome.tree());
          ProblemJson.answer(ctx, status, problem, 0);
        } else {
          ctx.status(200);
          json(ctx, outcome.tree());
        }
      }
    }
  }

  /** Whether an outcome means the request failed: REJECTED, or a DUPLICATE of a rejection. */
  public static boolean rejected(final LedgerOutcome outcome) {
    return OutcomeJson.of(outcome).rejected();
  }

  /** Where an event's outcome can be polled: this gateway serves it (from projections). */
  public static String eventLocation(final String appId, final String eventId) {
    return "/v1/apps/" + appId + "/events/" + eventId;
  }

  /** Answers a problem. */
  public static void problem(final Context ctx, final ProblemException problem) {
    ProblemJson.answer(ctx, problem);
  }

  /** Answers JSON. */
  public static void json(final Context ctx, final JsonNode body) {
    ServiceHttp.json(ctx, body);
  }
}

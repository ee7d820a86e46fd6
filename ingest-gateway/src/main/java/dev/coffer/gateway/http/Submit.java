package dev.coffer.gateway.http;

import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.KafkaUnavailableException;
import dev.coffer.gateway.ledger.Submission;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a request asynchronously with the outcome of its submitted event. */
final class Submit {
  private static final Logger LOG = LoggerFactory.getLogger(Submit.class);

  private Submit() {
  }

  static void reply(final Context ctx, final String appId, final CompletableFuture<Submission> submission) {
    ctx.future(() -> submission.handle((s, error) -> {
      if (error == null) {
        Replies.submission(ctx, appId, s);
      } else {
        Replies.problem(ctx, failure(error));
      }
      return null;
    }));
  }

  /** The problem of a failed submission: 503 when Kafka did not take it (nothing recorded). */
  static ProblemException failure(final Throwable error) {
    final Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof KafkaUnavailableException) {
      LOG.warn("Kafka did not take a record; answering 503: {}", cause.toString(), cause);
      // A send that timed out may still have reached the log: say "unknown", never "nothing recorded".
      return new ProblemException(ErrorCode.KAFKA_UNAVAILABLE.status(), ErrorCode.KAFKA_UNAVAILABLE.name(),
          "the ledger is unavailable; the outcome is unknown: retry with the same idempotency key (a retry is"
              + " answered with the original outcome if the request was recorded)", cause);
    }
    if (cause instanceof ProblemException problem) {
      return problem;
    }
    LOG.error("Submission failed unexpectedly", cause);
    return new ProblemException(ErrorCode.INTERNAL.status(), ErrorCode.INTERNAL.name(), "unexpected failure", cause);
  }
}

package dev.coffer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.RejectionReason;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A problem answer as read off the wire, and the typed exception it becomes.
 *
 * @param status the HTTP status
 * @param code the stable code, or {@code null} without a problem document
 * @param detail the detail
 * @param type the type URI
 * @param instance the request path
 * @param retryAfter the {@code Retry-After}, or {@code null}
 * @param outcome the ledger's outcome under {@code outcome}, or {@code null}
 * @param body the document ({@code {}} when there was none)
 * @param requestId the {@code X-Request-Id}, or {@code null}
 */
record Problem(int status, String code, String detail, String type, String instance, Duration retryAfter,
               Outcome outcome, JsonNode body, String requestId) {
  /** The reasons the gateway answers 409 (a conflict with what was recorded), the rest being 422. */
  private static final Set<RejectionReason> CONFLICTS = EnumSet.of(RejectionReason.ALREADY_OWNED,
      RejectionReason.ALREADY_REVOKED, RejectionReason.TRANSACTION_ALREADY_RECORDED,
      RejectionReason.RECEIPT_ALREADY_USED, RejectionReason.IDEMPOTENCY_KEY_REUSED);

  /** The problem of an answer (any status), tolerant of a body that is not a problem document. */
  static Problem of(final HttpResponse<byte[]> response, final Json json) {
    return of(response.statusCode(), response.headers(), response.body(), json);
  }

  /** The problem of an answer's status, headers and body bytes. */
  static Problem of(final int status, final HttpHeaders headers, final byte[] bytes, final Json json) {
    final JsonNode body = json.treeOrEmpty(bytes);
    final Outcome outcome = body.path("outcome").isObject() ? json.convert(body.get("outcome"), Outcome.class) : null;
    return new Problem(status, text(body, "code"), text(body, "detail"), text(body, "type"),
        text(body, "instance"), RetryAfter.of(headers).orElse(null), outcome, body,
        headers.firstValue("X-Request-Id").orElse(null));
  }

  /** The problem a rejected outcome read from a poll stands for: what the write would have answered. */
  static Problem rejection(final Outcome outcome, final String requestId) {
    final RejectionReason reason = outcome.reason() == null ? RejectionReason.UNKNOWN : outcome.reason();
    final String detail = outcome.message() == null ? "the ledger rejected the event" : outcome.message();
    return new Problem(CONFLICTS.contains(reason) ? 409 : 422, reason.name(), detail, null, null, null, outcome,
        JsonNodeFactory.instance.objectNode(), requestId);
  }

  /** Whether the server asks to come back later. */
  boolean retryable() {
    return status == 429 || status == 503;
  }

  /** The exception this problem is. */
  ProblemException exception(final String idempotencyKey) {
    if (outcome != null && (status == 409 || status == 422)) {
      return new RejectedException(this, idempotencyKey);
    }
    if (retryable()) {
      return new UnavailableException(this, idempotencyKey);
    }
    return new ProblemException(this, idempotencyKey);
  }

  private static String text(final JsonNode body, final String field) {
    final JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}

package dev.coffer.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.client.model.Outcome;
import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with an RFC 9457 problem ({@code application/problem+json}): branch on {@link #code()},
 * the stable machine-readable code ({@code MALFORMED_BODY}, {@code UNAUTHENTICATED}, {@code BAD_SIGNATURE},
 * {@code PLAYER_ERASED}, ...; both services' {@code openapi.yaml} list them).
 */
public class ProblemException extends CofferException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String detail;
  private final String type;
  private final String instance;
  private final Duration retryAfter;
  private final transient Outcome outcome;
  private final transient JsonNode body;

  ProblemException(final Problem problem, final String idempotencyKey) {
    super(describe(problem), null, idempotencyKey, problem.requestId());
    this.status = problem.status();
    this.code = problem.code();
    this.detail = problem.detail();
    this.type = problem.type();
    this.instance = problem.instance();
    this.retryAfter = problem.retryAfter();
    this.outcome = problem.outcome();
    this.body = problem.body();
  }

  private static String describe(final Problem p) {
    return "HTTP " + p.status() + (p.code() == null ? "" : " " + p.code())
        + (p.detail() == null ? "" : ": " + p.detail());
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /**
   * The stable code, or {@code null} when the answer was not a problem document (e.g. a proxy's HTML
   * error page).
   */
  public String code() {
    return code;
  }

  /** What happened on this request, in words (the problem's {@code detail}), or {@code null}. */
  public String detail() {
    return detail;
  }

  /** The problem's {@code type} URI, or {@code null}. */
  public String type() {
    return type;
  }

  /** The problem's {@code instance} (the request path), or {@code null}. */
  public String instance() {
    return instance;
  }

  /** The server's {@code Retry-After}, if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The ledger's outcome, when the problem carries one (always on {@link RejectedException}), else {@code null}. */
  public Outcome outcome() {
    return outcome;
  }

  /** The whole problem document as JSON (an empty object when there was none). */
  public JsonNode body() {
    return body;
  }
}

package dev.coffer.service.problem;

import dev.coffer.service.json.PooledJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * RFC 9457 problem details as every Coffer service writes them: {@code application/problem+json}
 * with {@code type} ({@code https://coffer.dev/problems/<code>}), {@code title} (the code in words),
 * {@code status}, Coffer's {@code code} extension (what clients branch on), {@code detail} and
 * {@code instance} (the request path).
 */
public final class ProblemJson {
  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** Where problem types live: the type is this plus the code in lower case, '_' as '-'. */
  public static final String TYPE_BASE = "https://coffer.dev/problems/";
  /** The challenge of a 401 (RFC 6750). */
  public static final String BEARER_CHALLENGE = "Bearer realm=\"coffer\"";
  private static final ObjectMapper JSON = PooledJson.mapper();

  private ProblemJson() {
  }

  /**
   * A problem body.
   *
   * @param status the HTTP status
   * @param code the stable code
   * @param detail what happened on this request; {@code null}: the title
   * @param instance the request path; {@code null} to leave it out
   * @return the body, to which an answer may add fields
   */
  public static ObjectNode node(final int status, final String code, final String detail, final String instance) {
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("type", TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    body.put("title", title(code));
    body.put("status", status);
    body.put("code", code);
    body.put("detail", detail == null ? title(code) : detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    return body;
  }

  /** The title of a code: its words, capitalised ({@code VIEW_BEHIND} &rarr; {@code View behind}). */
  public static String title(final String code) {
    final String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
    return words.isEmpty() ? "Error" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** Answers {@code ctx} with {@code problem} (and its {@code Retry-After}, if any). */
  public static void answer(final Context ctx, final ProblemException problem) {
    answer(ctx, problem.status(), node(problem.status(), problem.code(), problem.getMessage(), ctx.path()),
        problem.retryAfterSeconds());
  }

  /**
   * Answers {@code ctx} with a problem body already built (perhaps with fields added). A 401 carries
   * the bearer challenge ({@link #BEARER_CHALLENGE}): every Coffer API authenticates with bearer keys.
   */
  public static void answer(final Context ctx, final int status, final ObjectNode body, final long retryAfterSeconds) {
    if (status == 401) {
      ctx.header("WWW-Authenticate", BEARER_CHALLENGE);
    }
    if (retryAfterSeconds > 0) {
      ctx.header("Retry-After", Long.toString(retryAfterSeconds));
    }
    ctx.status(status).contentType(MEDIA_TYPE).result(bytes(body));
  }

  private static byte[] bytes(final ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem body", e);
    }
  }
}

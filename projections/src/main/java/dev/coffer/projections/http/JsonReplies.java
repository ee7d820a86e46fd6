package dev.coffer.projections.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.service.http.ServiceHttp;
import io.javalin.http.Context;
import java.util.Objects;

/** Writes read answers as JSON with the projections' mapper (dates as ISO-8601 text). */
final class JsonReplies {
  private final ObjectMapper json;

  JsonReplies(final ObjectMapper json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  /** Answers {@code body} as {@code application/json}. */
  void answer(final Context ctx, final Object body) {
    ServiceHttp.json(ctx, json, body);
  }

  /** {@code body} as JSON text. */
  String text(final Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }
}

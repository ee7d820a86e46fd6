package dev.coffer.projections.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.store.JsonSerde;
import io.javalin.http.Context;

/** Writes the console endpoints' answers as JSON with the projections' mapper (ISO-8601 instants). */
final class ConsoleJson {
  static final ObjectMapper MAPPER = JsonSerde.mapper();

  private ConsoleJson() {
  }

  static void answer(final Context ctx, final Object body) {
    try {
      ctx.contentType("application/json").result(MAPPER.writeValueAsString(body));
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }
}

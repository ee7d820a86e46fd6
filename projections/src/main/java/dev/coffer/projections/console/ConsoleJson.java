package dev.coffer.projections.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.store.JsonSerde;
import dev.coffer.service.http.ServiceHttp;
import io.javalin.http.Context;

/** Writes the console endpoints' answers as JSON with the projections' mapper (ISO-8601 instants). */
final class ConsoleJson {
  static final ObjectMapper MAPPER = JsonSerde.mapper();

  private ConsoleJson() {
  }

  static void answer(final Context ctx, final Object body) {
    ServiceHttp.json(ctx, MAPPER, body);
  }
}

package dev.coffer.gateway.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI document; health and metrics are the service kit's ({@code ServiceHttp}). */
final class OpsApi {
  private final byte[] openApi;

  OpsApi() {
    try (InputStream in = OpsApi.class.getResourceAsStream("/openapi.yaml")) {
      this.openApi = in == null ? new byte[0] : in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read openapi.yaml", e);
    }
  }

  /** {@code GET /openapi.yaml}: the OpenAPI 3.1 document of every endpoint. */
  void openApi(final Context ctx) {
    ctx.contentType("application/yaml").result(openApi);
  }
}

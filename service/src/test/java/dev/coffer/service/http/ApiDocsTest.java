package dev.coffer.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.service.metrics.ServiceMetrics;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Swagger UI and the OpenAPI document, as every service serves them. */
class ApiDocsTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private ServiceMetrics metrics;
  private Javalin server;

  @BeforeEach
  void start() {
    metrics = new ServiceMetrics();
    server = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      ServiceHttp.install(config, metrics);
      ApiDocs.install(config, ApiDocsTest.class, "/dev/coffer/service/http/test-openapi.yaml");
    }).start();
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
  }

  @Test
  void servesTheDocumentAndSwaggerUiOverIt() throws IOException, InterruptedException {
    final HttpResponse<String> document = get("/openapi.yaml");
    final HttpResponse<String> page = get("/docs");
    final HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js");
    final HttpResponse<String> script = get("/docs/coffer-docs.js");
    final HttpResponse<String> css = get("/docs/swagger-ui.css");

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(document.body()).startsWith("openapi: 3.1.0");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("/docs/swagger-ui-bundle.js", "/docs/coffer-docs.js",
        "data-url=\"/openapi.yaml\"");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body()).as("Swagger UI itself, from the webjar").contains("SwaggerUIBundle")
        .hasSizeGreaterThan(100_000);
    assertThat(script.body()).contains("SwaggerUIBundle(", "dataset.url");
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
  }

  @Test
  void servesNothingElseOfTheClasspath() throws IOException, InterruptedException {
    assertThat(get("/docs/index.html").statusCode()).isEqualTo(404);
    assertThat(get("/docs/..%2F..%2Flogback.xml").statusCode()).isEqualTo(404);
    assertThat(get("/docs/docs.html").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

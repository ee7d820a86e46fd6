package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each OpenAPI document's server is its own service, on the port the local stack (and its default) gives it. */
class OpenApiServersTest {
  @Test
  void theGatewaysDocumentNamesTheGatewaysPortAndProjectionsTheirs(@TempDir final Path dir) throws IOException {
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), "apps: []\n");
    final URI gateway = server(OpenApiContract.load("/openapi.yaml"));
    final URI projections = server(OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml"));
    final Map<String, String> required = Map.of("bootstrap.servers", "localhost:9092",
        "registry.url", "http://localhost:8081/apis/ccompat/v7", "apps.file", apps.toString());

    assertThat(gateway.getPort()).as("the gateway's default port, the local stack's gateway")
        .isEqualTo(GatewayConfig.fromMap(required).httpPort()).isEqualTo(8080);
    assertThat(projections.getPort()).as("projections' default port, the local stack's projections")
        .isEqualTo(ProjectionsConfig.fromMap(required).httpPort()).isEqualTo(8092);
    assertThat(new LocalConfig(9092, 9093, 8081, Path.of("data")).registryPort())
        .as("the registry's port is no document's").isNotIn(gateway.getPort(), projections.getPort());
  }

  private static URI server(final OpenApiContract document) {
    return URI.create(document.document().path("servers").get(0).path("url").asText());
  }
}

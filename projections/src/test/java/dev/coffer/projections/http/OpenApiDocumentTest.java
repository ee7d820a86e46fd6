package dev.coffer.projections.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.openapi.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * Projections' OpenAPI document: valid for a real OpenAPI parser, and saying the outcome JSON and the rejection
 * reasons word for word as the gateway's does (the test kit's {@link OpenApiContract#documentProblems()}).
 */
class OpenApiDocumentTest {
  private static final OpenApiContract DOCUMENT = OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml");

  @Test
  void isSoundAndSaysTheSharedContractWordForWord() {
    assertThat(DOCUMENT.documentProblems()).isEmpty();
  }

  @Test
  void documentsTheConsoleEndpointsAndTheirProblemCodes() {
    assertThat(DOCUMENT.document().path("paths").fieldNames()).toIterable().contains("/console", "/console/{file}",
        "/v1/apps/{appId}/analytics/revenue", "/v1/apps/{appId}/analytics/outcomes",
        "/v1/apps/{appId}/ledger/dead-letters", "/v1/apps/{appId}/webhooks/dead-letters",
        "/v1/apps/{appId}/webhooks/dead-letters/{id}", "/v1/apps/{appId}/webhooks/dead-letters/{id}/redrive");
    assertThat(DOCUMENT.schema("Problem").path("properties").path("code").path("enum")).extracting(n -> n.asText())
        .contains("KEY_NOT_ALLOWED", "INVALID_DATE_RANGE", "INVALID_MINUTES", "ANALYTICS_DISABLED",
            "INVALID_DEAD_LETTER_ID", "DEAD_LETTER_NOT_FOUND", "DEAD_LETTER_UNREADABLE", "WEBHOOKS_NOT_CONFIGURED",
            "WEBHOOKS_DISABLED", "QUEUE_FULL", "KAFKA_UNAVAILABLE", "INVALID_LIMIT");
  }
}

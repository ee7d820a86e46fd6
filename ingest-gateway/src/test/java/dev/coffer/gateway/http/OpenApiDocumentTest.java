package dev.coffer.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.openapi.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * The gateway's OpenAPI document: valid for a real OpenAPI parser, and saying the outcome JSON and the rejection
 * reasons word for word as projections' does (the test kit's {@link OpenApiContract#documentProblems()}).
 */
class OpenApiDocumentTest {
  @Test
  void isSoundAndSaysTheSharedContractWordForWord() {
    assertThat(OpenApiContract.load("/openapi.yaml").documentProblems()).isEmpty();
  }
}

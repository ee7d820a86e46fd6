package dev.coffer.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.openapi.OpenApiContract;
import org.junit.jupiter.api.Test;

/** The gateway's OpenAPI document: what it must say the same way as projections'. */
class OpenApiDocumentTest {
  private static final OpenApiContract DOCUMENT = OpenApiContract.load("/openapi.yaml");

  @Test
  void isAValidOpenApiDocument() {
    assertThat(DOCUMENT.parserMessages()).as("what swagger-parser finds wrong with it").isEmpty();
  }

  @Test
  void carriesTheOutcomeSchemasOfTheServiceKitWordForWord() {
    assertThat(DOCUMENT.outcomeSchemaDrift()).as("schemas that differ from the kit's outcome-schemas.yaml").isEmpty();
  }
}

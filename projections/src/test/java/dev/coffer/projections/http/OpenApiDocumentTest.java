package dev.coffer.projections.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.schemas.outcome.RejectionReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The projections' OpenAPI document: what it must say the same way as the gateway's. */
class OpenApiDocumentTest {
  private static final OpenApiContract DOCUMENT = OpenApiContract.load("/dev/coffer/projections/http/openapi.yaml");

  @Test
  void isAValidOpenApiDocument() {
    assertThat(DOCUMENT.parserMessages()).as("what swagger-parser finds wrong with it").isEmpty();
  }

  @Test
  void carriesTheOutcomeSchemasOfTheServiceKitWordForWord() {
    assertThat(DOCUMENT.outcomeSchemaDrift()).as("schemas that differ from the kit's outcome-schemas.yaml").isEmpty();
  }

  @Test
  void listsExactlyTheRejectionReasonsOfTheOutcome() {
    assertThat(DOCUMENT.schema("RejectionReason").get("enum")).extracting(n -> n.asText())
        .containsExactlyElementsOf(Arrays.stream(RejectionReason.values()).map(Enum::name).toList());
  }
}

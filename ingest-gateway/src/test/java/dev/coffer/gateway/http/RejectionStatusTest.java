package dev.coffer.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.openapi.OpenApiContract;
import dev.coffer.schemas.outcome.RejectionReason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rejection reason has its status, and the OpenAPI document says which. */
class RejectionStatusTest {
  @Test
  void everyReasonIsAConflictOrARuleViolation() {
    for (final RejectionReason reason : RejectionReason.values()) {
      assertThat(RejectionStatus.of(reason)).as(reason.name()).isIn(409, 422);
    }
  }

  @Test
  void theDocumentNamesTheConflictsAndListsEveryReason() {
    final OpenApiContract document = OpenApiContract.load("/openapi.yaml");
    final List<String> conflicts = Arrays.stream(RejectionReason.values())
        .filter(r -> RejectionStatus.of(r) == 409).map(Enum::name).toList();

    assertThat(document.schema("Problem").at("/properties/code/description").asText().replaceAll("\\s+", " "))
        .contains("409 for " + String.join(", ", conflicts) + " (a conflict")
        .contains("422 for every other symbol");
    assertThat(document.schema("RejectionReason").get("enum")).extracting(n -> n.asText())
        .containsExactlyElementsOf(Arrays.stream(RejectionReason.values()).map(Enum::name).toList());
  }
}

package dev.coffer.ledger.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.schemas.outcome.RejectionReason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's reasons are the outcome's Avro enum: the same symbols in the same order, less UNKNOWN. */
class ReasonTest {
  @Test
  void everyReasonIsASymbolOfTheOutcomesEnumAndEverySymbolAReason() {
    final List<String> wire = Arrays.stream(RejectionReason.values()).map(Enum::name)
        .filter(name -> !name.equals("UNKNOWN")).toList();

    assertThat(Arrays.stream(Reason.values()).map(Enum::name).toList())
        .as("dev.coffer.ledger.rejection.Reason against dev.coffer.schemas.outcome.RejectionReason")
        .containsExactlyElementsOf(wire);
  }
}

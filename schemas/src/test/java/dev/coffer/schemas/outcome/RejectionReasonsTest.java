package dev.coffer.schemas.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.registry.AvroClassTrust;
import dev.coffer.schemas.ledger.EventType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RejectionReasonsTest {
  @BeforeAll
  static void trustCoffersClasses() {
    AvroClassTrust.install();
  }

  @Test
  void theTypedFieldWins() {
    assertThat(RejectionReasons.of(outcome("INSUFFICIENT_FUNDS", RejectionReason.INSUFFICIENT_FUNDS)))
        .isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
  }

  @Test
  void anOutcomeWrittenBeforeTheFieldIsReadFromItsStringReason() {
    assertThat(RejectionReasons.of(outcome("ALREADY_OWNED", null))).isEqualTo(RejectionReason.ALREADY_OWNED);
  }

  @Test
  void aReasonTheReaderDoesNotKnowIsUnknownAndNoReasonIsNone() {
    assertThat(RejectionReasons.of(outcome("A_LATER_REASON", RejectionReason.UNKNOWN)))
        .isEqualTo(RejectionReason.UNKNOWN);
    assertThat(RejectionReasons.parse("A_LATER_REASON")).isEqualTo(RejectionReason.UNKNOWN);
    assertThat(RejectionReasons.of(outcome(null, null))).isNull();
    assertThat(RejectionReasons.parse(null)).isNull();
  }

  private static LedgerOutcome outcome(final String reason, final RejectionReason typed) {
    return LedgerOutcome.newBuilder().setEventId(UUID.randomUUID()).setDedupeKey("a|player|r|k").setAppId("a")
        .setPlayerRef("r").setEventType(EventType.CURRENCY_SPENT)
        .setStatus(reason == null ? OutcomeStatus.APPLIED : OutcomeStatus.REJECTED).setReason(reason)
        .setRejectionReason(typed).setVersion(1).setOccurredAt(Instant.EPOCH).build();
  }
}

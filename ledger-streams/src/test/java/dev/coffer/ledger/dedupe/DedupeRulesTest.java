package dev.coffer.ledger.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.rejection.Reason;
import org.junit.jupiter.api.Test;

class DedupeRulesTest {
  private static DedupeRules.Candidate candidate(final String eventId, final String player, final String fingerprint,
                                                 final boolean receipt, final long time) {
    return new DedupeRules.Candidate(eventId, "app", player, fingerprint, receipt, time);
  }

  @Test
  void firstSightingIsNew() {
    assertThat(DedupeRules.judge(null, candidate("e1", "p1", "f", false, 0))).isEqualTo(new Verdict.New());
  }

  @Test
  void sameContentIsADuplicateOfTheOriginal() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", false, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "f", false, 10)))
        .isEqualTo(new Verdict.Duplicate("e1"));
  }

  @Test
  void differentContentIsAReusedKey() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", false, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "g", false, 10)))
        .isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
          assertThat(r.reason()).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
          assertThat(r.originalEventId()).isEqualTo("e1");
        });
  }

  @Test
  void receiptOfAnotherPlayerIsAlreadyUsed() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", true, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p2", "f2", true, 10)))
        .isInstanceOfSatisfying(Verdict.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.RECEIPT_ALREADY_USED));
  }

  @Test
  void keysNeverExpireSoAReceiptCannotCreditASecondPlayerYearsLater() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", true, 1_000));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "f", true, Long.MAX_VALUE)))
        .isEqualTo(new Verdict.Duplicate("e1"));
    assertThat(DedupeRules.judge(remembered, candidate("e3", "p2", "f", true, Long.MAX_VALUE)))
        .isInstanceOfSatisfying(Verdict.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.RECEIPT_ALREADY_USED));
  }

  @Test
  void theOriginalReadAgainIsARedeliveryNotADuplicate() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", true, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e1", "p1", "f", true, 10)))
        .isEqualTo(new Verdict.Redelivered("e1"));
    // The same id with other content or for another player is not the same record.
    assertThat(DedupeRules.judge(remembered, candidate("e1", "p1", "g", true, 10)))
        .isInstanceOf(Verdict.Rejected.class);
    assertThat(DedupeRules.judge(remembered, candidate("e1", "p2", "f", true, 10)))
        .isInstanceOf(Verdict.Rejected.class);
  }
}

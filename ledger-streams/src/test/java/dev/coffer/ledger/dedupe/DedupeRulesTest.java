package dev.coffer.ledger.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.rejection.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DedupeRulesTest {
  private static DedupeRules.Candidate candidate(final String eventId, final String player, final String fingerprint,
                                                 final boolean receipt, final long time) {
    return new DedupeRules.Candidate(eventId, "app", player, fingerprint, receipt, time);
  }

  @Test
  void firstSightingIsNew() {
    assertThat(DedupeRules.judge(null, candidate("e1", "p1", "f", false, 0), null)).isEqualTo(new Verdict.New());
  }

  @Test
  void sameContentIsADuplicateOfTheOriginal() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", false, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "f", false, 10), null))
        .isEqualTo(new Verdict.Duplicate("e1"));
  }

  @Test
  void differentContentIsAReusedKey() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", false, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "g", false, 10), null))
        .isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
          assertThat(r.reason()).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
          assertThat(r.originalEventId()).isEqualTo("e1");
        });
  }

  @Test
  void receiptOfAnotherPlayerIsAlreadyUsed() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", true, 0));

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p2", "f2", true, 10), null))
        .isInstanceOfSatisfying(Verdict.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.RECEIPT_ALREADY_USED));
  }

  @Test
  void keysAreForgottenOnlyAfterTheRetentionInRecordTime() {
    final DedupeRecord remembered = DedupeRules.remember(candidate("e1", "p1", "f", false, 1_000));
    final Duration day = Duration.ofDays(1);

    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "f", false, 1_000 + day.toMillis() - 1), day))
        .isEqualTo(new Verdict.Duplicate("e1"));
    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "f", false, 1_000 + day.toMillis()), day))
        .isEqualTo(new Verdict.New());
    assertThat(DedupeRules.judge(remembered, candidate("e2", "p1", "f", false, Long.MAX_VALUE), null))
        .isEqualTo(new Verdict.Duplicate("e1"));
  }
}

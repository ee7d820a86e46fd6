package dev.coffer.projections.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.service.problem.ProblemException;
import org.junit.jupiter.api.Test;

class DeadLetterIdTest {
  @Test
  void parsesPartitionAndOffsetAndPrintsThemBack() {
    final DeadLetterId id = DeadLetterId.parse("3-1042");
    assertThat(id).isEqualTo(new DeadLetterId(3, 1042));
    assertThat(id).hasToString("3-1042");
  }

  @Test
  void refusesAnythingElseWithACode() {
    for (final String bad : new String[] {"", "3", "-1-2", "a-1", "1-", "1-2-3", "99999999999-1"}) {
      assertThatThrownBy(() -> DeadLetterId.parse(bad)).as(bad).isInstanceOfSatisfying(ProblemException.class,
          e -> assertThat(e.code()).isEqualTo("INVALID_DEAD_LETTER_ID"));
    }
  }
}

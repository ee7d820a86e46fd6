package dev.coffer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuietTest {
  @Test
  void waitsUntilACounterGrowsSlowlyThenSaysHowLong() {
    final long start = System.nanoTime();
    // Busy (a full core's worth per second of wall time) for the first 1.5 s, then still.
    final Quiet q = Quiet.await(() -> Math.min(System.nanoTime() - start, 1_500_000_000L), 0.1,
        Duration.ofSeconds(10));

    assertThat(q.quiet()).isTrue();
    assertThat(q.cores()).isLessThanOrEqualTo(0.1);
    assertThat(q.seconds()).isBetween(2.0, 9.0);
  }

  @Test
  void givesUpAtTheDeadlineAndSaysSo() {
    final long start = System.nanoTime();
    final Quiet q = Quiet.await(() -> System.nanoTime() - start, 0.1, Duration.ofSeconds(1));

    assertThat(q.quiet()).isFalse();
    assertThat(q.cores()).isGreaterThan(0.5);
  }
}

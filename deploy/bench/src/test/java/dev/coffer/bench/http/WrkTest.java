package dev.coffer.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrkTest {
  @Test
  void roundsCombineIntoTheRateOfAllTheirRequestsAndTheWorstRoundsPercentiles() {
    final Wrk.Result fast = new Wrk.Result(2_000, 20_000, 10, 0.4, 0.6, 0.9, 3.0, 0, 1.0, 15.0, 4.0);
    final Wrk.Result slow = new Wrk.Result(1_000, 10_000, 10, 0.8, 1.0, 1.5, 5.0, 2, 2.0, 16.0, 5.0);

    final Wrk.Result both = Wrk.Result.ofRounds(List.of(fast, slow));

    assertThat(both.requests()).isEqualTo(30_000);
    assertThat(both.seconds()).isEqualTo(20.0);
    assertThat(both.perSecond()).isEqualTo(1_500.0);
    assertThat(both.p50Millis()).isEqualTo(0.8);
    assertThat(both.p99Millis()).isEqualTo(5.0);
    assertThat(both.errors()).isEqualTo(2);
    assertThat(both.wrkCpuShare()).isEqualTo(3.0 / 31.0);
    // 9 s of the bench JVM's CPU over 30,000 requests.
    assertThat(both.benchJvmMicrosPerRequest()).isEqualTo(300.0);
  }

  @Test
  void noRoundsIsNoResult() {
    assertThatThrownBy(() -> Wrk.Result.ofRounds(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}

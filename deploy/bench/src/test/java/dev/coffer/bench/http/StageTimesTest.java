package dev.coffer.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageTimesTest {
  private static String exposition(final long fast, final long slow, final double sum) {
    final long total = fast + slow;
    return String.join("\n",
        "# TYPE coffer_gateway_write_append_seconds histogram",
        "coffer_gateway_write_append_seconds_bucket{path=\"player\",le=\"0.001\"} " + fast,
        "coffer_gateway_write_append_seconds_bucket{path=\"player\",le=\"0.002\"} " + total,
        "coffer_gateway_write_append_seconds_bucket{path=\"player\",le=\"+Inf\"} " + total,
        "coffer_gateway_write_append_seconds_count{path=\"player\"} " + total,
        "coffer_gateway_write_append_seconds_sum{path=\"player\"} " + sum,
        "coffer_gateway_write_decide_seconds_bucket{path=\"player\",le=\"0.02\"} " + fast,
        "coffer_gateway_write_decide_seconds_bucket{path=\"player\",le=\"0.03\"} " + total,
        "coffer_gateway_write_decide_seconds_bucket{path=\"player\",le=\"+Inf\"} " + total,
        "coffer_gateway_write_decide_seconds_count{path=\"player\"} " + total,
        "coffer_gateway_write_decide_seconds_sum{path=\"player\"} " + sum * 20,
        "coffer_gateway_write_decide_seconds_count{path=\"receipt\"} 0",
        "");
  }

  @Test
  void subtractsTheReadingBeforeARunAndFindsTheMedianBucket() {
    final StageTimes before = StageTimes.of(exposition(100, 0, 0.1), "player");
    // Over the run: 10 more under 1 ms, 30 between 1 and 2 ms, 0.06 s in all.
    final StageTimes run = StageTimes.of(exposition(110, 30, 0.16), "player").since(before);

    assertThat(run.append().count()).isEqualTo(40);
    assertThat(run.append().meanMillis()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(run.append().quantileMillis(0.5)).isEqualTo(2.0);
    assertThat(run.append().quantileMillis(0.25)).isEqualTo(1.0);
    assertThat(run.decide().quantileMillis(0.5)).isEqualTo(30.0);
    assertThat(run.summary()).contains("event appended p50 2.0 ms (mean 1.5)", "outcome back p50 30.0 ms (mean 30.0)");
  }

  @Test
  void saysSoWhenTheGatewayDoesNotExportTheTimers() {
    assertThatThrownBy(() -> StageTimes.of("jvm_memory_used_bytes 1\n", "player"))
        .hasMessageContaining("coffer_gateway_write_append_seconds_count{path=\"player\"} is not in");
  }
}

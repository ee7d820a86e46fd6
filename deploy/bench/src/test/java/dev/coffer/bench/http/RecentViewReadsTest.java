package dev.coffer.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentViewReadsTest {
  private static final String EXPOSITION = """
      # HELP cache_gets_total The number of times cache lookup methods have returned a cached value.
      # TYPE cache_gets_total counter
      cache_gets_total{cache="projections-recent-views",result="hit"} 1234.0
      cache_gets_total{cache="projections-recent-views",result="miss"} 56.0
      cache_gets_total{cache="another",result="hit"} 99.0
      """;

  @Test
  void readsTheRecentViewsCountersOnly() {
    assertThat(HttpRun.recentViewReads(EXPOSITION)).containsExactly(1234L, 56L);
    assertThat(HttpRun.recentViewReads("jvm_threads_live_threads 12.0\n")).containsExactly(0L, 0L);
  }

  @Test
  void theShareIsOfTheReadsBetweenTwoReadings() {
    assertThat(HttpRun.hitShare(new long[] {1000, 50}, new long[] {10_900, 150}))
        .isEqualTo("recent views answered 99.0% of the view reads (9,900 of 10,000)");
    assertThat(HttpRun.hitShare(new long[] {0, 0}, new long[] {0, 0}))
        .isEqualTo("recent views off (every read from the store)");
  }
}

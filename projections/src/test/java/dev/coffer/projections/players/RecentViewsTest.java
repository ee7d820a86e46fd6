package dev.coffer.projections.players;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.projections.wallet.Balance;
import dev.coffer.projections.wallet.Wallet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentViewsTest {
  private static PlayerViews views(final long version) {
    return new PlayerViews(new PlayerStatus(version, false, null),
        new Wallet(version, List.of(Balance.of("gems", version))));
  }

  @Test
  void keepsTheLatestWriteOfEachPlayerForItsPartition() {
    final RecentViews recent = new RecentViews(10);
    recent.written(3, "app|p1", views(1));
    recent.written(3, "app|p1", views(2));

    assertThat(recent.get(3, "app|p1")).isEqualTo(views(2));
    assertThat(recent.get(4, "app|p1")).isNull();
    assertThat(recent.get(3, "app|p2")).isNull();
  }

  @Test
  void forgettingAPartitionDropsOnlyItsPlayers() {
    final RecentViews recent = new RecentViews(10);
    recent.written(0, "app|p0", views(1));
    recent.written(1, "app|p1", views(1));

    recent.forget(0);

    assertThat(recent.get(0, "app|p0")).isNull();
    assertThat(recent.get(1, "app|p1")).isEqualTo(views(1));
  }

  @Test
  void staysWithinItsCapacity() {
    final RecentViews recent = new RecentViews(50);
    for (int i = 0; i < 5_000; i++) {
      recent.written(i % 4, "app|p" + i, views(i));
    }

    assertThat(recent.size()).isLessThanOrEqualTo(50);
  }

  @Test
  void theRenderingIsMadeOnceForTheKeptViewsAndAfreshForAnyOther() {
    final RecentViews recent = new RecentViews(10);
    final AtomicInteger made = new AtomicInteger();
    final Function<PlayerViews, String> render = v -> made.incrementAndGet() + ":" + v.wallet().balances();
    recent.written(0, "app|p", views(2));

    final String first = recent.rendered(0, "app|p", recent.get(0, "app|p"), render);
    final String again = recent.rendered(0, "app|p", recent.get(0, "app|p"), render);
    // An equal value read from the store is not the kept object: rendered afresh, and not kept.
    final String fromStore = recent.rendered(0, "app|p", views(2), render);
    recent.written(0, "app|p", views(3));
    final String next = recent.rendered(0, "app|p", recent.get(0, "app|p"), render);

    assertThat(first).startsWith("1:").isSameAs(again);
    assertThat(fromStore).startsWith("2:");
    assertThat(next).startsWith("3:").contains("gems, balance=3");
    assertThat(RecentViews.NONE.rendered(0, "app|p", views(2), render)).startsWith("4:");
  }

  @Test
  void metricsCountHitsAndMisses() {
    final RecentViews recent = new RecentViews(10);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    recent.bindMetrics(registry);
    recent.written(0, "app|p", views(1));

    // A wallet read: the views, then their rendering (not a second lookup).
    recent.rendered(0, "app|p", recent.get(0, "app|p"), v -> "[]");
    recent.get(0, "app|p");
    recent.rendered(0, "app|other", PlayerViews.NEW, v -> "[]");
    recent.get(0, "app|other");

    assertThat(registry.get("cache.gets").tag("cache", "projections-recent-views").tag("result", "hit")
        .functionCounter().count()).isEqualTo(2.0);
    assertThat(registry.get("cache.gets").tag("cache", "projections-recent-views").tag("result", "miss")
        .functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.size").tag("cache", "projections-recent-views").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void capacityZeroKeepsNothingAndANegativeOneIsRefused() {
    RecentViews.NONE.written(0, "app|p", views(1));

    assertThat(RecentViews.NONE.get(0, "app|p")).isNull();
    assertThat(RecentViews.NONE.size()).isZero();
    assertThatThrownBy(() -> new RecentViews(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }
}

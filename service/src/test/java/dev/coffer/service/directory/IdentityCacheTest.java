package dev.coffer.service.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityCacheTest {
  private static PlayerIdentity active(final String lookup, final String ref) {
    return new PlayerIdentity("demo", lookup, PlayerIdentity.State.ACTIVE, ref, new byte[32]);
  }

  @Test
  void keepsTheMostRecentlyUsedWithinItsBound() {
    final IdentityCache cache = new IdentityCache(2);
    cache.refresh("demo|a", active("a", "ra"), true);
    cache.refresh("demo|b", active("b", "rb"), true);
    assertThat(cache.get("demo|a")).isNotNull();
    cache.refresh("demo|c", active("c", "rc"), true);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("demo|b")).as("least recently used").isNull();
    assertThat(cache.get("demo|a").playerRef()).isEqualTo("ra");
  }

  @Test
  void anotherInstancesAnswerUpdatesButNeverFillsAndRemovalEvicts() {
    final IdentityCache cache = new IdentityCache(10);
    cache.refresh("demo|a", active("a", "ra"), false);
    assertThat(cache.get("demo|a")).isNull();

    cache.refresh("demo|a", active("a", "ra"), true);
    cache.refresh("demo|a", active("a", "ra2"), false);
    assertThat(cache.get("demo|a").playerRef()).isEqualTo("ra2");
    cache.remove("demo|a");
    assertThat(cache.get("demo|a")).isNull();
  }

  @Test
  void anIdentityNeverPrintsItsKey() {
    assertThat(active("a", "ra").toString()).doesNotContain("[B@").contains("ra");
  }
}

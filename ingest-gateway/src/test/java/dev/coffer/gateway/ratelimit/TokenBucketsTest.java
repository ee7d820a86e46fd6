package dev.coffer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.gateway.GatewayConfig;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(42 * SECOND);

  @Test
  void spendsTheBurstThenRefillsAtTheRateUpToTheBurst() {
    final TokenBuckets buckets = new TokenBuckets(new GatewayConfig.Rate(2, 3), now::get);

    assertThat(buckets.tryAcquire("a")).isTrue();
    assertThat(buckets.tryAcquire("a")).isTrue();
    assertThat(buckets.tryAcquire("a")).isTrue();
    assertThat(buckets.tryAcquire("a")).as("the burst is spent").isFalse();
    assertThat(buckets.tryAcquire("b")).as("another key has its own bucket").isTrue();

    now.addAndGet(SECOND / 2);
    assertThat(buckets.tryAcquire("a")).as("one token after half a second at 2/s").isTrue();
    assertThat(buckets.tryAcquire("a")).isFalse();

    now.addAndGet(3600 * SECOND);
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryAcquire("a")).as("refilled, but never past the burst").isTrue();
    }
    assertThat(buckets.tryAcquire("a")).isFalse();
  }

  @Test
  void tellsHowLongToWait() {
    assertThat(new TokenBuckets(new GatewayConfig.Rate(0.25, 1), now::get).retryAfterSeconds()).isEqualTo(4);
    assertThat(new TokenBuckets(new GatewayConfig.Rate(500, 1000), now::get).retryAfterSeconds())
        .as("at least one second").isEqualTo(1);
  }

  @Test
  void forgetsIdleFullBucketsSoMemoryStaysBounded() {
    final TokenBuckets buckets = new TokenBuckets(new GatewayConfig.Rate(1, 1), now::get);
    for (int i = 0; i <= TokenBuckets.MAX_KEYS + 1; i++) {
      buckets.tryAcquire("k" + i);
    }
    assertThat(buckets.tryAcquire("k0")).as("k0's bucket is still empty").isFalse();

    now.addAndGet(10 * SECOND);
    buckets.tryAcquire("fresh");

    assertThat(buckets.size()).as("full idle buckets dropped").isLessThanOrEqualTo(1);
  }
}

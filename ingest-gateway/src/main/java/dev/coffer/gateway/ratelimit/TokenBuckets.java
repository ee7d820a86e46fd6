package dev.coffer.gateway.ratelimit;

import dev.coffer.gateway.GatewayConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key: each key may spend {@code burst} requests at once and regains
 * {@code perSecond} a second. Per gateway instance (behind a load balancer of N instances the
 * effective limit is up to N times as high). Idle full buckets are dropped when the map grows past
 * {@value #MAX_KEYS} keys, so memory stays bounded.
 */
public final class TokenBuckets {
  static final int MAX_KEYS = 100_000;
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param rate tokens per second and bucket size
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  public TokenBuckets(final GatewayConfig.Rate rate, final LongSupplier nanoTime) {
    this.perNano = rate.perSecond() / 1e9;
    this.burst = rate.burst();
    this.nanoTime = nanoTime;
  }

  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(final double tokens, final long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  /** Takes a token for {@code key}; false if its bucket is empty (answer 429). */
  public boolean tryAcquire(final String key) {
    final long now = nanoTime.getAsLong();
    if (buckets.size() > MAX_KEYS) {
      buckets.values().removeIf(b -> {
        synchronized (b) {
          return b.tokens + (now - b.at) * perNano >= burst;
        }
      });
    }
    final Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
      bucket.at = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  /** How many keys hold a bucket now. */
  int size() {
    return buckets.size();
  }

  /** Seconds until {@code key} has a token again, at least 1 (for {@code Retry-After}). */
  public long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / (perNano * 1e9)));
  }
}

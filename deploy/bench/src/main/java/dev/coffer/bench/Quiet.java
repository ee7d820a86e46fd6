package dev.coffer.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A bounded wait until one of this JVM's busy-time counters grows slowly: one second in which it grew by at most
 * {@code quietCores} seconds per second (a share of a core). Sampling windows, never a wait for Kafka.
 *
 * @param seconds how long it waited
 * @param cores the last second's rate, in cores
 * @param quiet whether that rate was at most the threshold (false: the deadline passed first)
 */
public record Quiet(double seconds, double cores, boolean quiet) {
  /**
   * Samples {@code busyNanos} over one-second windows until a window's rate is at most {@code quietCores}, or
   * {@code deadline} passes.
   */
  public static Quiet await(final LongSupplier busyNanos, final double quietCores, final Duration deadline) {
    final long start = System.nanoTime();
    double cores;
    do {
      final long before = busyNanos.getAsLong();
      final long windowStart = System.nanoTime();
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      cores = (double) (busyNanos.getAsLong() - before) / (System.nanoTime() - windowStart);
    } while (cores > quietCores && System.nanoTime() - start < deadline.toNanos());
    return new Quiet((System.nanoTime() - start) / 1e9, cores, cores <= quietCores);
  }
}

package dev.coffer.service.streams;

import dev.coffer.registry.RegistryUnavailableException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;

/**
 * Tells a stream thread's death by a passing cause (the schema registry out of reach, a broker lost
 * while a transaction committed, a retriable Kafka error that outlived the client's own retries) from a
 * deterministic one, and paces the replacement of threads that die of a passing cause. Every Coffer
 * Streams application (the ledger, projections, the console's analytics) answers its stream threads'
 * deaths through it.
 *
 * <p>A passing cause must never stop the instance: the thread is replaced and the record retried
 * (exactly-once aborts the open transaction, so nothing is skipped or applied twice), after a backoff
 * that doubles up to a ceiling, so an outage of minutes costs a retry every half minute rather than a
 * crash loop. The backoff starts over once the instance has run for a while without dying.
 */
public final class TransientFailures {
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration CEILING = Duration.ofSeconds(30);
  /** A replacement this long after the previous one is a new outage, not the same one. */
  private static final Duration CALM = Duration.ofMinutes(2);

  private long lastReplacementNanos;
  private Duration next = FIRST;

  /** Whether {@code failure} (or one of its causes) is a passing one. */
  public static boolean isTransient(final Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      // InvalidTxnStateException: the transaction coordinator moved (a broker died) under a commit; the
      // transaction is aborted and a new thread's producer starts clean.
      if (cause instanceof RegistryUnavailableException || cause instanceof RetriableException
          || cause instanceof InvalidTxnStateException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The answer to a stream thread's death: for a passing cause, a replacement after the backoff (logged);
   * otherwise {@code otherwise}, logged as an error.
   *
   * @param failure why the thread died
   * @param application the application id, for the log
   * @param log where to say what happens
   * @param otherwise the answer to a deterministic failure
   * @return the answer
   */
  public StreamThreadExceptionResponse respond(final Throwable failure, final String application, final Logger log,
                                               final StreamThreadExceptionResponse otherwise) {
    if (!isTransient(failure)) {
      log.error("Stream thread of {} died; responding {}", application, otherwise, failure);
      return otherwise;
    }
    final Duration wait = nextBackoff(System.nanoTime());
    log.warn("Stream thread of {} died of a passing cause ({}); replacing it in {} ms", application,
        failure.getMessage(), wait.toMillis());
    try {
      TimeUnit.MILLISECONDS.sleep(wait.toMillis());
    } catch (final InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** How long to wait before the next replacement; each call doubles the following one. */
  public synchronized Duration nextBackoff(final long nowNanos) {
    if (lastReplacementNanos != 0 && nowNanos - lastReplacementNanos > CALM.toNanos()) {
      next = FIRST;
    }
    lastReplacementNanos = nowNanos;
    final Duration wait = next;
    next = next.multipliedBy(2).compareTo(CEILING) > 0 ? CEILING : next.multipliedBy(2);
    return wait;
  }
}

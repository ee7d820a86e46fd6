package dev.coffer.ledger.runtime;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What a ledger instance does when a stream thread dies of an exception Kafka Streams could not
 * handle itself.
 *
 * <p>The default is {@link #SHUTDOWN_CLIENT}. Streams already retries what is transient inside
 * the clients (timeouts, leader moves, fenced producers, corrupted tasks), so what reaches the
 * handler is almost always deterministic: a bug in a rule, a record a serde cannot write, a
 * corrupt store. {@link #REPLACE_THREAD} would reprocess the same uncommitted batch, fail the same
 * way and spin while holding the partitions; stopping the instance turns {@code /health} into 503,
 * makes the process exit non-zero and lets the orchestrator restart it visibly. Exactly-once means
 * nothing of the failed transaction is ever seen, whatever the choice.
 */
public enum UncaughtExceptionPolicy {
  /** Stop this instance (state ERROR); its partitions move to the other instances. */
  SHUTDOWN_CLIENT(StreamThreadExceptionResponse.SHUTDOWN_CLIENT),
  /** Start a new stream thread in place of the dead one (for errors known to be transient). */
  REPLACE_THREAD(StreamThreadExceptionResponse.REPLACE_THREAD),
  /** Stop every instance of the application. */
  SHUTDOWN_APPLICATION(StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);

  private final StreamThreadExceptionResponse response;

  UncaughtExceptionPolicy(final StreamThreadExceptionResponse response) {
    this.response = response;
  }

  /** The Streams response this policy answers with. */
  public StreamThreadExceptionResponse response() {
    return response;
  }
}

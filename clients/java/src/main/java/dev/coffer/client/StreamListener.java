package dev.coffer.client;

import dev.coffer.client.model.LedgerEntry;
import java.time.Duration;

/**
 * What a change subscription calls, always from its own thread, one call at a time. A listener that throws
 * ends the subscription ({@link #onClosed} gets the exception).
 */
@FunctionalInterface
public interface StreamListener {
  /**
   * One applied change of the player. Each version is delivered once, in order, including changes that
   * happened while the connection was down (read back from the ledger).
   */
  void onChange(LedgerEntry change);

  /** The player was erased (the entry of the erasure). The subscription stays open. */
  default void onPlayerDeleted(final LedgerEntry erasure) {
  }

  /** The subscription is live: subscribed on the server and caught up (first time, and after each reconnection). */
  default void onSubscribed() {
  }

  /**
   * The connection dropped or could not be opened; the subscription reconnects after {@code retryIn}.
   *
   * @param cause why ({@code SLOW_CONSUMER}, a 503, a network failure, ...)
   * @param retryIn the wait before the next attempt
   */
  default void onDisconnected(final Exception cause, final Duration retryIn) {
  }

  /**
   * The subscription ended for good.
   *
   * @param failure why: a refusal that retrying cannot fix (401, 403, 404, ...), or what the listener threw;
   *     {@code null} when it was closed by {@link EventSubscription#close()}
   */
  default void onClosed(final Throwable failure) {
  }
}

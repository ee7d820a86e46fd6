package dev.coffer.projections.query;

import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Told by a processor when its task's stores start and stop being its own: from {@code init} (the task has
 * restored and runs) to {@code close} (the task is suspended, closed or recycled). What
 * {@link InteractiveQueries} reads first, so a lookup does not ask Streams to find the store among every
 * task of every thread on each read (a quarter of a wallet lookup's CPU, measured).
 */
public interface LiveStores {
  /** Nobody listens. */
  LiveStores NONE = new LiveStores() {
    @Override
    public void opened(final int partition, final Map<String, ReadOnlyKeyValueStore<String, ?>> stores) {
    }

    @Override
    public void closed(final int partition, final Map<String, ReadOnlyKeyValueStore<String, ?>> stores) {
    }
  };

  /**
   * The running task of {@code partition} serves {@code stores} (by store name) from now on.
   *
   * @param partition the task's partition
   * @param stores its stores by name
   */
  void opened(int partition, Map<String, ReadOnlyKeyValueStore<String, ?>> stores);

  /**
   * The task of {@code partition} no longer serves {@code stores}.
   *
   * @param partition the task's partition
   * @param stores what {@link #opened} was given
   */
  void closed(int partition, Map<String, ReadOnlyKeyValueStore<String, ?>> stores);
}

package dev.coffer.ledger.dedupe;

import java.util.Objects;

/** What the dedupe processor emits for one input record. */
public sealed interface DedupeOutput {
  /**
   * A judged event for the fold, keyed by player key.
   *
   * @param event the event and its verdict
   */
  record ToFold(VerdictedEvent event) implements DedupeOutput {
    public ToFold {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * An input record for the dead letters, as raw bytes (the reason is in the record's headers).
   *
   * @param key the record key as it arrived, may be {@code null}
   * @param value the record value as it arrived, may be {@code null}
   */
  record DeadLetter(byte[] key, byte[] value) implements DedupeOutput {
  }
}

package dev.coffer.ledger.deadletter;

/**
 * The headers a record on {@code coffer.ledger-dead-letters} carries, besides the headers it
 * arrived with. Values are UTF-8 strings.
 */
public final class DeadLetterHeaders {
  /** The stable code, a {@link DeadLetterReason} name. */
  public static final String REASON = "coffer.dlq.reason";
  /** A human-readable explanation (never the record's content). */
  public static final String DETAIL = "coffer.dlq.detail";
  /** The class of the decoding exception, when one was thrown. */
  public static final String EXCEPTION = "coffer.dlq.exception";
  /** Where the record came from: topic. */
  public static final String SOURCE_TOPIC = "coffer.dlq.source.topic";
  /** Where the record came from: partition. */
  public static final String SOURCE_PARTITION = "coffer.dlq.source.partition";
  /** Where the record came from: offset. */
  public static final String SOURCE_OFFSET = "coffer.dlq.source.offset";

  private DeadLetterHeaders() {
  }
}

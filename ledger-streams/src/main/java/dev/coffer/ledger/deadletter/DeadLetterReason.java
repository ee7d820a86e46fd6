package dev.coffer.ledger.deadletter;

/**
 * Why an input record went to {@code coffer.ledger-dead-letters}: the value of its
 * {@code coffer.dlq.reason} header. Stable codes; never rename one.
 */
public enum DeadLetterReason {
  /** No value (a tombstone on an append-only topic). */
  NULL_VALUE,
  /** The value could not be decoded (bad bytes, unknown schema id, unknown payload branch). */
  UNDECODABLE,
  /** No record key, or a key that is not valid UTF-8. */
  BAD_KEY,
  /** The record key differs from the event's dedupeKey (events) or player key (sequence). */
  KEY_MISMATCH,
  /** The dedupeKey is not the one the event's kind requires (receipt or player form). */
  BAD_DEDUPE_KEY,
  /** appId missing, blank or containing '|'. */
  BAD_APP_ID,
  /** playerRef missing, blank or containing '|'. */
  BAD_PLAYER_REF,
  /** A payload type this version does not know. */
  UNKNOWN_PAYLOAD,
  /** A quantity or amount that is zero or negative. */
  NON_POSITIVE_QUANTITY,
  /** A required identifier (transaction, product, instance, currency, item, idempotency key) is blank. */
  MISSING_FIELD,
  /** A grant that gives nothing. */
  EMPTY_GRANT,
  /**
   * A {@code coffer.ledger-sequence} record whose verdict does not fit its key: a receipt must be
   * judged by the receipt stage before the fold, never arrive UNJUDGED.
   */
  BAD_VERDICT
}

package dev.coffer.client.model;

import java.util.List;
import java.util.Map;

/**
 * The answer to one migration call: one result per row, in order, and counts by status.
 *
 * @param results one per row sent, in order
 * @param counts how many rows ended in each status
 */
public record MigrationResult(List<Row> results, Map<String, Integer> counts) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public MigrationResult {
    results = results == null ? List.of() : List.copyOf(results);
    counts = counts == null ? Map.of() : Map.copyOf(counts);
  }

  /** What became of a row. */
  public enum Status {
    /** Recorded and applied. */
    APPLIED,
    /** Recorded before (the same key): nothing happened again. */
    DUPLICATE,
    /** The ledger refused it ({@code code} is the {@link RejectionReason}); its key is used up. */
    REJECTED,
    /** The gateway refused the row as malformed ({@code code}, {@code detail}); nothing recorded. */
    INVALID,
    /** Recorded; its outcome did not arrive within the gateway's wait (poll {@code eventId}). */
    PENDING,
    /** Kafka did not confirm it: the outcome is unknown; send the row again with the same key. */
    FAILED
  }

  /**
   * The result of one row.
   *
   * @param row the row's index in the call (0-based)
   * @param status what became of it ({@code null} for a status this SDK does not know)
   * @param eventId the row's event, when one was submitted
   * @param originalEventId for a DUPLICATE: the first event
   * @param code the rejection reason or problem code, when it failed
   * @param detail what went wrong, for INVALID and FAILED
   * @param location for PENDING: where the outcome can be polled
   */
  public record Row(int row, Status status, String eventId, String originalEventId, String code, String detail,
                    String location) {
    /** Whether the row is recorded as asked (APPLIED, or DUPLICATE of an applied row). */
    public boolean succeeded() {
      return status == Status.APPLIED || status == Status.DUPLICATE;
    }
  }
}

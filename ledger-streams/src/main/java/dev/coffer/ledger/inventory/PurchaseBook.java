package dev.coffer.ledger.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * The player's recorded store transactions, looked up by the rules that need one (a purchase checks
 * it is new, a consume credits its purchase, a revocation takes one back). The fold backs it with the
 * player's event log; tests with a map.
 */
@FunctionalInterface
public interface PurchaseBook {
  /** A player who bought nothing. */
  PurchaseBook EMPTY = (store, transactionId) -> Optional.empty();

  /**
   * The purchase of a store transaction.
   *
   * @param store the store, lowercase
   * @param transactionId the transaction
   * @return the record, if the player has it
   */
  Optional<PurchaseRecord> find(String store, String transactionId);

  /**
   * A book over a map keyed {@code store|transactionId} (tests).
   *
   * @param records the records
   * @return the book
   */
  static PurchaseBook of(final Map<String, PurchaseRecord> records) {
    return (store, transactionId) -> Optional.ofNullable(records.get(store + "|" + transactionId));
  }
}

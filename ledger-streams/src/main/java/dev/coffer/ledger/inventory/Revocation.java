package dev.coffer.ledger.inventory;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The inventory side of a revocation: instances taken back, and what the wallet must give back.
 *
 * @param update the inventory after, with the instances revoked and the purchase record marked
 * @param purchase the revoked purchase
 * @param clawBack currencies to take back: what the purchase credited plus what consuming its
 *     instances (and the instances those granted) credited
 */
public record Revocation(InventoryUpdate update, PurchaseRecord purchase, SortedMap<String, Long> clawBack) {
  public Revocation {
    clawBack = Collections.unmodifiableSortedMap(new TreeMap<>(clawBack));
  }
}

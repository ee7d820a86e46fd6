package dev.coffer.ledger.inventory;

import java.util.Objects;

/**
 * A quantity of one catalog item.
 *
 * @param itemId the item
 * @param quantity how many units; positive
 */
public record ItemAmount(String itemId, long quantity) {
  public ItemAmount {
    Objects.requireNonNull(itemId, "itemId");
  }
}

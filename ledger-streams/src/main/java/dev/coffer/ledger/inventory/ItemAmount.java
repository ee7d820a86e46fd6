package dev.coffer.ledger.inventory;

import java.util.Objects;

/**
 * A quantity of one catalog item.
 *
 * @param itemId the item
 * @param quantity how many units; positive
 * @param consumable whether the item is consumable; a permanent item ({@code false}) is held once, as
 *     one unit, and never consumed. Carried by the event (resolved from the catalog at ingest).
 */
public record ItemAmount(String itemId, long quantity, boolean consumable) {
  public ItemAmount {
    Objects.requireNonNull(itemId, "itemId");
  }

  /**
   * A quantity of a consumable item (what every grant meant before the flag existed).
   *
   * @param itemId the item
   * @param quantity how many units; positive
   */
  public ItemAmount(final String itemId, final long quantity) {
    this(itemId, quantity, true);
  }
}

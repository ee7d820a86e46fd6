package dev.coffer.client.model;

/**
 * A catalog item.
 *
 * @param itemId the item's id
 * @param consumable whether it can be consumed (a permanent item is held once)
 * @param stackable whether units stack in one instance
 * @param onConsume what consuming one unit gives
 * @param displayName a name for people, or {@code null}
 */
public record Item(String itemId, boolean consumable, boolean stackable, Grants onConsume, String displayName) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Item {
    onConsume = onConsume == null ? Grants.none() : onConsume;
  }
}

package dev.coffer.gateway.catalog;

import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the items of grants against an app's catalog the way an event carries them: every item
 * must be in the catalog ({@code UNKNOWN_ITEM} otherwise) and its {@code consumable} flag is copied
 * from the catalog item, so the ledger (and any replay) never needs today's catalog to know whether an
 * item is permanent. The one place that sets {@link ItemGrant#getConsumable()} for an event.
 */
public final class ItemGrants {
  private ItemGrants() {
  }

  /**
   * The grants with each item's consumable flag resolved.
   *
   * @param appId the app, for the problem's message
   * @param grants grants as declared (a product's, a request's, an item's onConsume)
   * @param items the app's catalog items by id
   * @param dynamic whether the grants are a server key's dynamic items, which are consumable by
   *     definition (they still have to be in the catalog)
   * @return new grants, items in the declared order
   * @throws ProblemException UNKNOWN_ITEM if an item is not in the catalog
   */
  public static Grants resolve(final String appId, final Grants grants, final Function<String, Optional<Item>> items,
                               final boolean dynamic) {
    final List<ItemGrant> resolved = new ArrayList<>(grants.getItems().size());
    for (final ItemGrant grant : grants.getItems()) {
      final String itemId = grant.getItemId();
      final Item item = items.apply(itemId).orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_ITEM,
          "item " + itemId + " is not in the catalog of " + appId));
      resolved.add(ItemGrant.newBuilder().setItemId(itemId).setQuantity(grant.getQuantity())
          .setConsumable(dynamic || item.getConsumable()).build());
    }
    return Grants.newBuilder().setCurrencies(new HashMap<>(grants.getCurrencies())).setItems(resolved).build();
  }
}

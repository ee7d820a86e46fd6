package dev.coffer.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.service.problem.ProblemException;
import dev.coffer.registry.AvroClassTrust;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.ItemGrant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ItemGrantsTest {
  static {
    // Item's onConsume default is a generated record; the services install this trust with their serde.
    AvroClassTrust.install();
  }

  private static final Map<String, Item> CATALOG = Map.of(
      "sword", Item.newBuilder().setItemId("sword").setConsumable(false).setStackable(false).build(),
      "potion", Item.newBuilder().setItemId("potion").setConsumable(true).build());
  private static final Function<String, Optional<Item>> ITEMS = id -> Optional.ofNullable(CATALOG.get(id));

  private static Grants declared(final String... itemIds) {
    final Map<String, Long> items = new LinkedHashMap<>();
    for (final String id : itemIds) {
      items.put(id, 1L);
    }
    return CatalogJson.grants(Map.of("gems", 5L), items);
  }

  @Test
  void eachItemTakesTheCatalogItemsConsumableFlagInDeclaredOrder() {
    final Grants resolved = ItemGrants.resolve("app", declared("sword", "potion"), ITEMS, false);

    assertThat(resolved.getItems()).extracting(ItemGrant::getItemId, ItemGrant::getConsumable)
        .containsExactly(Tuple.tuple("sword", false),
            Tuple.tuple("potion", true));
    assertThat(resolved.getCurrencies()).containsEntry("gems", 5L);
  }

  @Test
  void dynamicItemsAreAlwaysConsumable() {
    assertThat(ItemGrants.resolve("app", declared("sword"), ITEMS, true).getItems().get(0).getConsumable()).isTrue();
  }

  @Test
  void anUnknownItemIsRefused() {
    assertThatThrownBy(() -> ItemGrants.resolve("app", declared("potion", "axe"), ITEMS, false))
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("UNKNOWN_ITEM"));
    assertThatThrownBy(() -> ItemGrants.resolve("app", declared("axe"), ITEMS, true))
        .isInstanceOf(ProblemException.class);
  }
}

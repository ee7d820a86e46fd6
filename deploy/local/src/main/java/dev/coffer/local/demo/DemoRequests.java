package dev.coffer.local.demo;

import dev.coffer.client.CofferClient;
import dev.coffer.client.model.ConsumeRequest;
import dev.coffer.client.model.GrantRequest;
import dev.coffer.client.model.Grants;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.PurchaseRequest;
import dev.coffer.client.model.SpendRequest;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** The requests of the demo traffic, as SDK calls: the mix of a small live game. */
final class DemoRequests {
  private static final BigDecimal PRICE = new BigDecimal("0.99");

  /**
   * One request as sent: replaying it sends the same request object (same idempotency key or receipt).
   *
   * @param description what it is, for logs
   * @param send sends it and answers the outcome
   */
  record Call(String description, Supplier<Outcome> send) {
  }

  private final DemoSettings settings;
  private final CofferClient coffer;
  private final String runId;

  DemoRequests(final DemoSettings settings, final CofferClient coffer, final String runId) {
    this.settings = settings;
    this.coffer = coffer;
    this.runId = runId;
  }

  /** The next request of {@code player}: the mix of a small live game. */
  Call next(final DemoPlayer player, final Random random) {
    final int roll = random.nextInt(100);
    if (roll < 25) {
      return purchase(player, "gems_100");
    }
    if (roll < 37) {
      return purchase(player, "potions_3");
    }
    if (roll < 40) {
      // Non-consumable: the player's second one is rejected ALREADY_OWNED.
      return purchase(player, "sword_pack");
    }
    final String playerId = player.playerId();
    if (roll < 58) {
      final List<String> potions = player.potionInstances();
      if (potions.isEmpty()) {
        return purchase(player, "potions_3");
      }
      final String instance = potions.get(random.nextInt(potions.size()));
      final ConsumeRequest consume = new ConsumeRequest(player.nextKey("consume"), DemoPlayer.POTION, 1);
      return new Call("consume " + instance, () -> coffer.writes().consume(playerId, instance, consume));
    }
    if (roll < 72) {
      Grants grants = Grants.currency(DemoPlayer.GEMS, 10 + random.nextInt(51));
      if (random.nextInt(4) == 0) {
        grants = grants.plusItem(DemoPlayer.POTION, 1);
      }
      final GrantRequest grant = new GrantRequest(player.nextKey("grant"), "demo-daily-reward", null, grants);
      return new Call("grant", () -> coffer.writes().grant(playerId, grant));
    }
    final long balance = player.gems();
    // One spend in four (and every spend of an empty wallet) asks for more than the player has.
    final long amount = balance > 0 && random.nextInt(4) != 0
        ? 1 + random.nextLong(Math.min(balance, 80))
        : balance + 1 + random.nextInt(100);
    final SpendRequest spend = new SpendRequest(player.nextKey("spend"), DemoPlayer.GEMS, amount, "demo-shop", null);
    return new Call("spend", () -> coffer.writes().spend(playerId, spend));
  }

  private Call purchase(final DemoPlayer player, final String productId) {
    final String receipt = TestReceipts.sign(new TestReceipt(settings.appId(),
        "demo-" + runId + "-" + player.nextKey("tx") + "-" + player.playerId(), productId, Instant.now(), 1, PRICE,
        "USD"), settings.testStoreSecret());
    final PurchaseRequest purchase = PurchaseRequest.testStore(player.playerId(), receipt).productId(productId)
        .build();
    return new Call("purchase " + productId, () -> coffer.writes().purchase(purchase));
  }

}

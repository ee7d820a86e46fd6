package dev.coffer.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * What the demo traffic asks for: the request mix of a small live game (test-store purchases with freshly
 * signed receipts, consumes of owned potions, grants, spends, one in four overdrawing).
 */
final class DemoMix {
  private static final BigDecimal PRICE = new BigDecimal("0.99");

  private final DemoSettings settings;
  private final String runId;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * One request as sent: replaying it sends the same path and body.
   *
   * @param path the path under the gateway
   * @param body the JSON body
   */
  record Call(String path, String body) {
  }

  DemoMix(final DemoSettings settings, final String runId) {
    this.settings = settings;
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
    if (roll < 58) {
      final List<String> potions = player.potionInstances();
      if (potions.isEmpty()) {
        return purchase(player, "potions_3");
      }
      final ObjectNode body = json.createObjectNode().put("idempotencyKey", player.nextKey("consume"))
          .put("quantity", 1).put("itemId", DemoPlayer.POTION);
      return new Call(playerPath(player) + "/items/" + encode(potions.get(random.nextInt(potions.size())))
          + "/consume", body.toString());
    }
    if (roll < 72) {
      final ObjectNode body = json.createObjectNode().put("idempotencyKey", player.nextKey("grant"))
          .put("reason", "demo-daily-reward");
      final ObjectNode grants = body.putObject("grants");
      grants.putObject("currencies").put(DemoPlayer.GEMS, 10 + random.nextInt(51));
      if (random.nextInt(4) == 0) {
        grants.putObject("items").put(DemoPlayer.POTION, 1);
      }
      return new Call(playerPath(player) + "/grants", body.toString());
    }
    final long balance = player.gems();
    // One spend in four (and every spend of an empty wallet) asks for more than the player has.
    final long amount = balance > 0 && random.nextInt(4) != 0
        ? 1 + random.nextLong(Math.min(balance, 80))
        : balance + 1 + random.nextInt(100);
    final ObjectNode body = json.createObjectNode().put("idempotencyKey", player.nextKey("spend"))
        .put("currency", DemoPlayer.GEMS).put("amount", amount).put("reason", "demo-shop");
    return new Call(playerPath(player) + "/spend", body.toString());
  }

  private Call purchase(final DemoPlayer player, final String productId) {
    final String receipt = TestReceipts.sign(new TestReceipt(settings.appId(),
        "demo-" + runId + "-" + player.nextKey("tx") + "-" + player.playerId(), productId, Instant.now(), 1, PRICE,
        "USD"), settings.testStoreSecret());
    final ObjectNode body = json.createObjectNode().put("playerId", player.playerId()).put("store", "test")
        .put("productId", productId);
    body.putObject("receipt").put("signedReceipt", receipt);
    return new Call("/v1/apps/" + encode(settings.appId()) + "/purchases", body.toString());
  }

  private String playerPath(final DemoPlayer player) {
    return "/v1/apps/" + encode(settings.appId()) + "/players/" + encode(player.playerId());
  }

  private static String encode(final String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

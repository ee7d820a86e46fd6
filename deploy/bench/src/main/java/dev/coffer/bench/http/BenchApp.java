package dev.coffer.bench.http;

import dev.coffer.apps.ApiKeys;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The benchmark's tenant: one apps file (as the local stack's {@code apps.local.yaml}) read by both the
 * gateway and projections, so a player written through one has the same ref when read through the other.
 * Throw-away loopback keys, test store only.
 */
public final class BenchApp {
  /** The tenant. */
  public static final String APP_ID = "bench";
  /** The server key, sent as {@code Authorization: Bearer}. Loopback benchmark use only. */
  public static final String SERVER_KEY = "bench-server-key";
  private static final String TEST_STORE_SECRET = "bench-test-store-secret";

  private BenchApp() {
  }

  /** Writes the apps file into {@code dir} and returns its path. */
  public static Path writeAppsFile(final Path dir) {
    final String yaml = "apps:\n"
        + "  - appId: " + APP_ID + "\n"
        + "    keys:\n"
        + "      - {label: bench-server, role: server, sha256: " + ApiKeys.sha256Hex(SERVER_KEY) + "}\n"
        + "    pseudonymKey: bench-pseudonym-key-0123456789abcdef\n"
        + "    playerTokenSecret: bench-player-token-secret-0123456789\n"
        + "    stores:\n"
        + "      test: {secret: " + TEST_STORE_SECRET + "}\n"
        + "    catalog:\n"
        + "      items:\n"
        + "        - {itemId: potion, consumable: true, stackable: true, displayName: Potion}\n"
        + "      products:\n"
        + "        - {productId: gems_100, productType: CONSUMABLE, storeProductIds: {test: gems_100},"
        + " grants: {currencies: {gems: 100}}}\n"
        + "        - {productId: potions_3, productType: CONSUMABLE, storeProductIds: {test: potions_3},"
        + " grants: {items: {potion: 3}}}\n";
    try {
      Files.createDirectories(dir);
      final Path file = dir.resolve("apps.yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write the bench apps file in " + dir, e);
    }
  }

  /**
   * Writes {@code count} purchase bodies, one per line, each with its own freshly signed receipt (a new
   * transaction), spread over {@code players} players: the input of the purchase load.
   */
  public static Path writePurchaseBodies(final Path file, final int count, final int players, final String run) {
    final StringBuilder lines = new StringBuilder(count * 400);
    for (int i = 0; i < count; i++) {
      lines.append(purchaseBody(HttpLoad.player(i % players), "gems_100", "bench-" + run + "-" + i)).append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, lines);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The JSON body of a test-store purchase with a freshly signed receipt. */
  public static String purchaseBody(final String playerId, final String productId, final String transactionId) {
    final String receipt = TestReceipts.sign(TestReceipt.of(APP_ID, transactionId, productId, Instant.now()),
        TEST_STORE_SECRET);
    return "{\"playerId\":\"" + playerId + "\",\"store\":\"test\",\"productId\":\"" + productId
        + "\",\"receipt\":{\"signedReceipt\":\"" + receipt + "\"}}";
  }
}

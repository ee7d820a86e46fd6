package dev.coffer.projections.http;

import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.PurchaseLogRecord;
import dev.coffer.projections.wallet.Balance;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the read endpoints. */
public final class Answers {
  private Answers() {
  }

  /**
   * The wallet of a player.
   *
   * @param appId the app
   * @param playerId the player, as the game names it
   * @param version the player's version the answer reflects (at least {@code minVersion})
   * @param balances one per currency; a negative balance is a debt, also shown as {@code debt}
   */
  public record WalletAnswer(String appId, String playerId, long version, List<Balance> balances) {
  }

  /**
   * The inventory of a player.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param instances the held item instances, oldest first
   */
  public record InventoryAnswer(String appId, String playerId, long version, List<Instance> instances) {
  }

  /**
   * The purchases of a player.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param purchases every purchase with its status now
   * @param log the purchase-log entries (price, country, ...) held on them
   */
  public record PurchasesAnswer(String appId, String playerId, long version, List<Purchase> purchases,
                                List<PurchaseLogRecord> log) {
  }

  /**
   * One page of a player's ledger history.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param entries the page, newest first
   * @param nextCursor pass as {@code ?cursor=} for the next (older) page; {@code null} on the last
   */
  public record LedgerAnswer(String appId, String playerId, long version, List<HistoryEntry> entries,
                             String nextCursor) {
  }

  /**
   * Everything Coffer's read side holds on a player (GDPR access). For an erased player only the
   * erasure marker remains: every list is empty.
   *
   * @param appId the app
   * @param playerId the player
   * @param playerRef the pseudonymous ref every Kafka record of the player carries
   * @param version the player's version
   * @param erased whether the player was erased
   * @param erasedAt when, if erased
   * @param balances the wallet
   * @param instances the held item instances
   * @param purchases the purchases
   * @param purchaseLog the purchase-log entries
   * @param ledger every change, oldest first
   */
  public record ExportAnswer(String appId, String playerId, String playerRef, long version, boolean erased,
                             Instant erasedAt, List<Balance> balances, List<Instance> instances,
                             List<Purchase> purchases, List<PurchaseLogRecord> purchaseLog,
                             List<HistoryEntry> ledger) {
  }
}

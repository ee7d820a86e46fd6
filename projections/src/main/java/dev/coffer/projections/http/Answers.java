package dev.coffer.projections.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.purchases.Subscription;
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
   * A {@link WalletAnswer} whose balances are already JSON: the rendering kept with the player's recent views
   * ({@link dev.coffer.projections.players.RecentViews#rendered}), so a read of a player's unchanged wallet
   * does not write them again. The same bytes on the wire as the {@link WalletAnswer} of the same values.
   *
   * @param appId the app
   * @param playerId the player, as the game names it
   * @param version the player's version the answer reflects
   * @param balances the balances as {@link WalletAnswer#balances()} are written
   */
  public record RenderedWalletAnswer(String appId, String playerId, long version, @JsonRawValue String balances) {
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
   * @param purchases every purchase (one per store transaction, renewals included), oldest first, each
   *     with its refund status and its purchase-log entries (price, country, refunds); to a server key, each
   *     also with the store's own ids and its entries' causes, opened with the player's data key
   *     ({@link dev.coffer.projections.export.PlayerExport.ExportedPurchase})
   * @param subscriptions every subscription with its status as of the answer
   */
  public record PurchasesAnswer(String appId, String playerId, long version, List<?> purchases,
                                List<SubscriptionView> subscriptions) {
  }

  /**
   * A subscription as of the moment of the answer.
   *
   * @param store the store
   * @param originalTransactionId the first transaction its renewals share
   * @param transactionId the latest paid transaction
   * @param productId Coffer's catalog product
   * @param instanceId the inventory instance it is held as
   * @param status ACTIVE, CANCELLED (auto-renew off, still entitled), IN_GRACE_PERIOD, IN_BILLING_RETRY,
   *     ON_HOLD, PAUSED, EXPIRED or REVOKED; an entitling status past {@code expiresAt} reads EXPIRED
   * @param entitled whether it gives access now
   * @param expiresAt the end of the paid period (of the grace period, while in grace)
   * @param autoRenew whether it will renew, if the store said
   * @param cancelReason why it stops renewing, if the store said
   * @param since when it was first bought
   */
  public record SubscriptionView(String store, String originalTransactionId, String transactionId,
                                 String productId, String instanceId, String status, boolean entitled,
                                 Instant expiresAt, Boolean autoRenew, String cancelReason, Instant since) {
    /** The view of a subscription row at {@code now}. */
    static SubscriptionView of(final Subscription s, final Instant now) {
      return new SubscriptionView(s.store(), s.originalTransactionId(), s.transactionId(), s.productId(),
          s.instanceId(), s.status(now), s.entitled(now), s.expiresAt(), s.autoRenew(), s.cancelReason(), s.since());
    }
  }

  /**
   * One page of a player's ledger history.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param entries the page, newest first; to a server key each with its {@code cause} (reason, sourceRefId,
   *     request id, idempotency key, the store's ids), opened with the player's data key
   *     ({@link dev.coffer.projections.export.PlayerExport.Change})
   * @param nextCursor pass as {@code ?cursor=} for the next (older) page; {@code null} on the last
   */
  public record LedgerAnswer(String appId, String playerId, long version, List<?> entries,
                             String nextCursor) {
  }
}

package dev.coffer.projections.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.PurchaseLogRecord;
import dev.coffer.projections.wallet.Balance;
import dev.coffer.projections.webhooks.WebhookSent;
import dev.coffer.service.directory.PlayerIdentity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything Coffer holds on a player (GDPR Article 15), with what only the player's data key opens:
 * each change's cause (reason, source ref, request id, the key it was sent with) and each purchase's own
 * store ids.
 *
 * @param appId the app
 * @param playerId the player, as the game names it
 * @param playerRef the random ref every Kafka record of the player carries
 * @param version the player's version
 * @param balances the wallet
 * @param instances the held item instances
 * @param purchases the purchases, each with its log and store ids
 * @param subscriptions the subscriptions as of the answer
 * @param ledger every change, oldest first, with its cause
 * @param webhooks the latest webhooks sent about the player, oldest first
 */
public record PlayerExport(String appId, String playerId, String playerRef, long version, List<Balance> balances,
                           List<Instance> instances, List<ExportedPurchase> purchases, List<?> subscriptions,
                           List<Change> ledger, List<WebhookSent> webhooks) {
  /**
   * One change of the ledger history with its cause.
   *
   * @param entry the change (version, event, moves)
   * @param cause what the event said about the person, or null
   */
  public record Change(@JsonUnwrapped HistoryEntry entry, Cause cause) {
  }

  /**
   * One purchase with the store's own ids for it.
   *
   * @param purchase the purchase (its transaction named by store ref) and its log
   * @param storeIds the store's ids its log entries carried (transactionId, orderId, purchaseToken, ...)
   * @param causes the cause of each log entry, by eventId
   */
  public record ExportedPurchase(@JsonUnwrapped Purchase purchase, Map<String, String> storeIds,
                                 Map<String, Cause> causes) {
  }

  /** A change with its cause opened. */
  public static Change change(final PlayerIdentity player, final HistoryEntry entry) {
    return new Change(entry, Cause.open(player, entry.eventId(), entry.encryptedDetails()));
  }

  /** A purchase with its log entries' causes opened. */
  public static ExportedPurchase purchase(final PlayerIdentity player, final Purchase purchase) {
    Objects.requireNonNull(purchase, "purchase");
    final Map<String, String> storeIds = new TreeMap<>();
    final Map<String, Cause> causes = new TreeMap<>();
    for (final PurchaseLogRecord entry : purchase.log()) {
      final Cause cause = Cause.open(player, entry.eventId(), entry.encryptedDetails());
      if (cause != null) {
        causes.put(entry.eventId(), cause);
        cause.storeIds().forEach(storeIds::putIfAbsent);
      }
    }
    return new ExportedPurchase(purchase, storeIds, causes);
  }
}

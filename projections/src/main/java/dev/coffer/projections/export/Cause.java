package dev.coffer.projections.export;

import dev.coffer.apps.Aead;
import dev.coffer.schemas.privacy.EventDetails;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.privacy.DetailsCipher;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a ledger event said about the person, opened from its {@code encryptedDetails} with the player's
 * data key: only the export shows it.
 *
 * @param idempotencyKey the caller's idempotency key (or the key Coffer made), as sent
 * @param requestId the HTTP request id of the submission
 * @param reason the free-text reason of a grant, spend or erasure
 * @param sourceRefId the game's id of what caused a grant or spend
 * @param storeIds the store's own ids (transactionId, originalTransactionId, orderId, purchaseToken)
 */
public record Cause(String idempotencyKey, String requestId, String reason, String sourceRefId,
                    Map<String, String> storeIds) {
  private static final Logger LOG = LoggerFactory.getLogger(Cause.class);

  /**
   * Opens an event's sealed details.
   *
   * @param player the player's ACTIVE identity (its data key)
   * @param eventId the event they were sealed for
   * @param sealed the bytes, or null
   * @return the cause, or null when the event carried none (or they do not open: logged)
   */
  public static Cause open(final PlayerIdentity player, final String eventId, final byte[] sealed) {
    if (sealed == null) {
      return null;
    }
    try {
      final EventDetails d = DetailsCipher.open(player.dataKey(), player.appId(), player.playerRef(), eventId,
          ByteBuffer.wrap(sealed));
      return new Cause(d.getIdempotencyKey(), d.getRequestId(), d.getReason(), d.getSourceRefId(),
          new TreeMap<>(d.getStoreIds()));
    } catch (final Aead.UnreadableException | IllegalStateException e) {
      // Never expected for an ACTIVE player: the details were sealed under this key for this event.
      LOG.error("The details of event {} do not open with the key of player {}", eventId, player, e);
      return null;
    }
  }
}

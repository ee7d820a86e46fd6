package dev.coffer.client.model;

import java.util.Map;

/**
 * What an event said about the person, opened by Coffer from its sealed details with the player's data key:
 * only answers to a server key (and the export) carry it.
 *
 * @param idempotencyKey the caller's idempotency key (or the key Coffer made), as sent
 * @param requestId the HTTP request id of the submission
 * @param reason the free-text reason of a grant, spend or erasure
 * @param sourceRefId the game's id of what caused a grant or spend
 * @param storeIds the store's own ids (transactionId, originalTransactionId, orderId, purchaseToken, ...)
 */
public record Cause(String idempotencyKey, String requestId, String reason, String sourceRefId,
                    Map<String, String> storeIds) {
  /** A map left out (null) reads as empty; it is copied, unmodifiable. */
  public Cause {
    storeIds = storeIds == null ? Map.of() : Map.copyOf(storeIds);
  }
}

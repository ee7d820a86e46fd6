package dev.coffer.gateway.http;

import dev.coffer.schemas.outcome.RejectionReason;

/**
 * The HTTP status of a ledger rejection, for every {@link RejectionReason}: 409 when the event conflicts
 * with what was recorded before (a receipt, item, revocation or transaction already there, a reused key),
 * 422 when it breaks a rule. The switch names every symbol, so a symbol added to the Avro enum does not
 * compile until it is given a status here (and the OpenAPI document's list is checked against this).
 */
final class RejectionStatus {
  private RejectionStatus() {
  }

  /** The status of a rejection for {@code reason}. */
  static int of(final RejectionReason reason) {
    return switch (reason) {
      case RECEIPT_ALREADY_USED, ALREADY_OWNED, ALREADY_REVOKED, TRANSACTION_ALREADY_RECORDED,
          IDEMPOTENCY_KEY_REUSED -> 409;
      case UNKNOWN, INSUFFICIENT_FUNDS, NOT_OWNED, NOT_ACTIVE, NOT_CONSUMABLE, ITEM_MISMATCH, INSUFFICIENT_QUANTITY,
          NON_CONSUMABLE_QUANTITY, PLAYER_ERASED, AMOUNT_OVERFLOW, INVENTORY_FULL, STATE_TOO_LARGE,
          NOT_REVOKED -> 422;
    };
  }
}

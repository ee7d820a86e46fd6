package dev.coffer.gateway.receipts;

import java.util.Locale;

/**
 * Whether an app requires a store's receipts to name their buyer (see {@link BuyerIds}): set per app and
 * per store (Google Play's {@code obfuscatedAccountId}, the App Store's {@code appAccountToken}).
 */
public enum BuyerBinding {
  /** Not checked (the default): whoever submits a receipt first owns it. */
  OFF,
  /**
   * A receipt that names an account must name the purchasing player ({@code RECEIPT_NOT_FOR_PLAYER});
   * one that names none is accepted (while older game versions that do not set it are still out).
   */
  CHECK,
  /** Every receipt must name the purchasing player ({@code RECEIPT_NOT_BOUND} when it names none). */
  REQUIRE;

  /**
   * Checks a verified receipt's account binding against the player.
   *
   * @param bound the account the receipt names (Google obfuscatedAccountId, Apple appAccountToken); nullable
   * @param expected what the player's binding is ({@link BuyerIds})
   * @param field the store's name for it, for messages
   * @throws ReceiptRejectedException RECEIPT_NOT_FOR_PLAYER or RECEIPT_NOT_BOUND
   */
  public void check(final String bound, final String expected, final String field) throws ReceiptRejectedException {
    if (this == OFF) {
      return;
    }
    if (bound == null || bound.isEmpty()) {
      if (this == REQUIRE) {
        throw new ReceiptRejectedException(RejectionCode.RECEIPT_NOT_BOUND, "the receipt carries no " + field
            + "; this app requires the game to set it to the player's value at purchase time");
      }
      return;
    }
    if (!bound.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
      throw new ReceiptRejectedException(RejectionCode.RECEIPT_NOT_FOR_PLAYER, "the receipt's " + field
          + " belongs to another player");
    }
  }

  /** Reads {@code off}, {@code check} or {@code require} (any case). */
  public static BuyerBinding parse(final String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("buyer binding must be off, check or require, was " + text, e);
    }
  }
}

package dev.coffer.gateway.receipts.teststore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a test-store receipt claims: the payload that {@link TestReceipts#sign} signs.
 *
 * @param appId         the Coffer app id the receipt is for
 * @param transactionId unique id of the transaction (the receipt part of the dedupe key)
 * @param productId     the store product id
 * @param purchaseTime  when the purchase happened (kept to the millisecond)
 * @param quantity      units bought; positive
 * @param price         price paid; nullable
 * @param currency      ISO 4217 code of {@code price}; nullable, required with a price
 */
public record TestReceipt(
                          String appId,
                          String transactionId,
                          String productId,
                          Instant purchaseTime,
                          long quantity,
                          BigDecimal price,
                          String currency) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** Validates the claims. */
  public TestReceipt {
    requireText(appId, "appId");
    requireText(transactionId, "transactionId");
    requireText(productId, "productId");
    Objects.requireNonNull(purchaseTime, "purchaseTime");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
    if (price != null && price.signum() < 0) {
      throw new IllegalArgumentException("price must not be negative, was " + price);
    }
    if ((price == null) != (currency == null)) {
      throw new IllegalArgumentException("price and currency go together");
    }
    if (currency != null && !CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
    }
  }

  /** @return a receipt for one unit without a price */
  public static TestReceipt of(final String appId, final String transactionId, final String productId,
                               final Instant purchaseTime) {
    return new TestReceipt(appId, transactionId, productId, purchaseTime, 1, null, null);
  }

  private static void requireText(final String value, final String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}

package dev.coffer.gateway.receipts.apple;

import com.apple.itunes.storekit.model.AutoRenewStatus;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.Type;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.time.Instant;

/** What verified App Store payloads say, as Coffer's values: a transaction as a receipt, renewal info as such. */
final class ApplePayloads {

  // Apple's price is in thousandths of the currency unit: 10990 is 10.99.
  private static final int PRICE_SCALE = 3;

  private ApplePayloads() {
  }

  static VerifiedReceipt receipt(final JWSTransactionDecodedPayload transaction, final RejectionCode malformed,
                                 final StoreEnvironment environment) throws ReceiptRejectedException {
    final String transactionId = transaction.getTransactionId();
    final String productId = transaction.getProductId();
    final Long purchaseDate = transaction.getPurchaseDate();
    if (transactionId == null || productId == null || purchaseDate == null) {
      throw new ReceiptRejectedException(malformed,
          "transaction lacks transactionId, productId or purchaseDate");
    }
    final Integer quantity = transaction.getQuantity();
    if (quantity != null && quantity <= 0) {
      throw new ReceiptRejectedException(malformed, "transaction quantity must be positive, was " + quantity);
    }
    final Long price = transaction.getPrice();
    final Long expires = transaction.getExpiresDate();
    return new VerifiedReceipt(
        Store.APPLE_APP_STORE,
        productId,
        transactionId,
        transaction.getOriginalTransactionId(),
        transaction.getWebOrderLineItemId(),
        null,
        Instant.ofEpochMilli(purchaseDate),
        quantity == null ? 1 : quantity,
        price == null ? null : BigDecimal.valueOf(price, PRICE_SCALE),
        transaction.getCurrency(),
        Storefronts.alpha2(transaction.getStorefront()),
        // Apple's verifier has checked the environment equals the configured one.
        environment,
        expires == null ? null : Instant.ofEpochMilli(expires),
        productType(transaction.getType()),
        revocation(transaction),
        transaction.getAppAccountToken() == null ? null : transaction.getAppAccountToken().toString());
  }

  private static VerifiedReceipt.Revocation revocation(final JWSTransactionDecodedPayload transaction) {
    if (transaction.getRevocationDate() == null) {
      return null;
    }
    final String reason;
    if (transaction.getRevocationReason() != null) {
      reason = transaction.getRevocationReason().name();
    } else if (transaction.getRawRevocationReason() != null) {
      reason = String.valueOf(transaction.getRawRevocationReason());
    } else {
      reason = null;
    }
    return new VerifiedReceipt.Revocation(Instant.ofEpochMilli(transaction.getRevocationDate()), reason);
  }

  private static ProductType productType(final Type type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case CONSUMABLE -> ProductType.CONSUMABLE;
      case NON_CONSUMABLE -> ProductType.NON_CONSUMABLE;
      case AUTO_RENEWABLE_SUBSCRIPTION -> ProductType.SUBSCRIPTION;
      // Apps model a non-renewing subscription (a season pass) as either type: the catalog decides.
      case NON_RENEWING_SUBSCRIPTION -> null;
    };
  }

  static AppleRenewalInfo renewalInfo(final JWSRenewalInfoDecodedPayload renewal,
                                      final StoreEnvironment environment) {
    final AutoRenewStatus autoRenew = renewal.getAutoRenewStatus();
    return new AppleRenewalInfo(
        renewal.getOriginalTransactionId(),
        renewal.getProductId(),
        renewal.getAutoRenewProductId(),
        autoRenew == null ? null : autoRenew == AutoRenewStatus.ON,
        renewal.getRawExpirationIntent(),
        instant(renewal.getRenewalDate()),
        instant(renewal.getGracePeriodExpiresDate()),
        renewal.getIsInBillingRetryPeriod(),
        environment);
  }

  private static Instant instant(final Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }
}

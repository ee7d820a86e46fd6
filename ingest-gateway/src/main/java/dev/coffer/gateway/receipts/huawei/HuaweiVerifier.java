package dev.coffer.gateway.receipts.huawei;

import dev.coffer.service.json.PooledJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.ReceiptVerifier;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies Huawei AppGallery IAP purchases offline: the {@code inAppDataSignature} over the exact bytes of
 * {@code InAppPurchaseData} under the app's IAP public key, with {@code SHA256WithRSA} (PKCS#1 v1.5) or, when
 * the SDK's {@code signatureAlgorithm} says {@code SHA256WithRSA/PSS}, RSASSA-PSS with SHA-256, MGF1-SHA-256
 * and a 32-byte salt. Then the package (and app id, when configured), {@code purchaseState} 0 only, and for
 * subscriptions {@code subIsvalid} and {@code expirationDate}.
 *
 * <p>Mapping: {@code orderId} is the transaction id (a subscription's renewals each have their own), a
 * subscription's {@code subscriptionId} its original transaction id; {@code kind} 0, 1, 2 is consumable,
 * non-consumable, subscription; {@code price} is in hundredths of {@code currency}; {@code purchaseType} 0 is
 * the sandbox.
 */
public final class HuaweiVerifier implements ReceiptVerifier<HuaweiPurchase> {

  private static final String PKCS1 = "SHA256WithRSA";
  private static final String PSS = "SHA256WithRSA/PSS";
  private static final int PRICE_SCALE = 2;
  private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");
  // Duplicate keys would let two readers of the same signed bytes see different values: refuse them.
  private static final JsonMapper JSON = PooledJson.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final HuaweiSettings settings;
  private final RSAPublicKey publicKey;
  private final Clock clock;

  /**
   * @param settings the app's AppGallery settings
   * @param clock    the clock subscriptions' expiry is judged by
   */
  public HuaweiVerifier(final HuaweiSettings settings, final Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.publicKey = settings.publicKey();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public VerifiedReceipt verify(final HuaweiPurchase receipt) throws ReceiptRejectedException {
    Objects.requireNonNull(receipt, "receipt");
    if (receipt.inAppPurchaseData() == null || receipt.inAppPurchaseData().isEmpty()) {
      throw malformed("inAppPurchaseData is missing");
    }
    // Nothing in the purchase data is read before its signature holds.
    checkSignature(receipt);
    final JsonNode data = parse(receipt.inAppPurchaseData());
    final String packageName = text(data, "packageName");
    if (!settings.packageName().equals(packageName)) {
      throw new ReceiptRejectedException(RejectionCode.WRONG_PACKAGE,
          "purchase is for package " + packageName + ", expected " + settings.packageName());
    }
    final Long applicationId = optionalLong(data, "applicationId");
    if (settings.applicationId() != null && !settings.applicationId().equals(applicationId)) {
      throw new ReceiptRejectedException(RejectionCode.WRONG_PACKAGE,
          "purchase is for AppGallery app " + applicationId + ", expected " + settings.applicationId());
    }
    final long state = longValue(data, "purchaseState");
    if (state == 2) {
      throw new ReceiptRejectedException(RejectionCode.TRANSACTION_REVOKED, "purchaseState is 2 (refunded)");
    }
    if (state != 0) {
      throw new ReceiptRejectedException(RejectionCode.NOT_PURCHASED,
          "purchaseState is " + state + " (0 = purchased, 1 = cancelled, 2 = refunded, 3 = pending)");
    }
    final ProductType type = kind(optionalLong(data, "kind"));
    final String orderId = text(data, "orderId");
    final Long quantity = optionalLong(data, "quantity");
    if (quantity != null && quantity <= 0) {
      throw malformed("InAppPurchaseData.quantity must be positive, was " + quantity);
    }
    final Long price = optionalLong(data, "price");
    final String currency = optionalText(data, "currency");
    final String country = optionalText(data, "country");
    final Long purchaseType = optionalLong(data, "purchaseType");
    String subscriptionId = null;
    Instant expiresAt = null;
    if (type == ProductType.SUBSCRIPTION) {
      subscriptionId = text(data, "subscriptionId");
      expiresAt = Instant.ofEpochMilli(longValue(data, "expirationDate"));
      final JsonNode valid = data.get("subIsvalid");
      if (valid == null || !valid.isBoolean()) {
        throw malformed("InAppPurchaseData.subIsvalid must be true or false for a subscription");
      }
      if (!valid.booleanValue() || !expiresAt.isAfter(clock.instant())) {
        throw new ReceiptRejectedException(RejectionCode.TRANSACTION_EXPIRED, "subscription " + subscriptionId
            + " is not valid (subIsvalid " + valid.booleanValue() + ", expirationDate " + expiresAt + ")");
      }
    }
    return new VerifiedReceipt(
        Store.HUAWEI_APPGALLERY,
        text(data, "productId"),
        orderId,
        subscriptionId,
        orderId,
        text(data, "purchaseToken"),
        Instant.ofEpochMilli(longValue(data, "purchaseTime")),
        quantity == null ? 1 : quantity,
        price == null || currency == null ? null : BigDecimal.valueOf(price, PRICE_SCALE),
        price == null ? null : currency,
        country != null && ALPHA2.matcher(country).matches() ? country : null,
        purchaseType != null && purchaseType == 0 ? StoreEnvironment.SANDBOX : StoreEnvironment.PRODUCTION,
        expiresAt,
        type,
        null);
  }

  private void checkSignature(final HuaweiPurchase receipt) throws ReceiptRejectedException {
    final String given = receipt.inAppDataSignature();
    if (given == null || given.isBlank()) {
      throw malformed("inAppDataSignature is missing");
    }
    final byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(given.strip());
    } catch (final IllegalArgumentException e) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, "inAppDataSignature is not base64", e);
    }
    final boolean valid;
    try {
      final Signature verifier = signature(receipt.signatureAlgorithm());
      verifier.initVerify(publicKey);
      verifier.update(receipt.inAppPurchaseData().getBytes(StandardCharsets.UTF_8));
      valid = verifier.verify(signatureBytes);
    } catch (final SignatureException e) {
      // The JDK throws rather than answering false when the signature has another key's length.
      throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE, "inAppDataSignature does not verify under"
          + " the AppGallery key of " + settings.packageName() + ": " + e.getMessage(), e);
    } catch (final InvalidKeyException e) {
      throw new IllegalStateException("the AppGallery key of " + settings.packageName() + " is unusable", e);
    }
    if (!valid) {
      throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
          "inAppDataSignature does not match inAppPurchaseData under the AppGallery key of "
              + settings.packageName());
    }
  }

  private static Signature signature(final String algorithm) throws ReceiptRejectedException {
    final String name = algorithm == null || algorithm.isBlank() ? PKCS1 : algorithm.strip();
    try {
      if (PKCS1.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Signature.getInstance("SHA256withRSA");
      }
      if (PSS.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        // What "SHA256WithRSA/PSS" means on Android (BouncyCastle, Conscrypt): MGF1 with the same digest and a
        // salt as long as the digest.
        final Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return pss;
      }
    } catch (final NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("the JDK cannot verify " + name, e);
    }
    throw malformed("signatureAlgorithm must be " + PKCS1 + " or " + PSS + ", was " + algorithm);
  }

  private static ProductType kind(final Long kind) throws ReceiptRejectedException {
    if (kind == null) {
      return null;
    }
    return switch (kind.intValue()) {
      case 0 -> ProductType.CONSUMABLE;
      case 1 -> ProductType.NON_CONSUMABLE;
      case 2 -> ProductType.SUBSCRIPTION;
      default -> throw malformed("InAppPurchaseData.kind must be 0, 1 or 2, was " + kind);
    };
  }

  private static JsonNode parse(final String json) throws ReceiptRejectedException {
    final JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (final JsonProcessingException e) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT,
          "InAppPurchaseData is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw malformed("InAppPurchaseData is not a JSON object");
    }
    return node;
  }

  private static String text(final JsonNode data, final String field) throws ReceiptRejectedException {
    final String value = optionalText(data, field);
    if (value == null || value.isEmpty()) {
      throw malformed("InAppPurchaseData." + field + " must be a non-empty string");
    }
    return value;
  }

  private static String optionalText(final JsonNode data, final String field) throws ReceiptRejectedException {
    final JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw malformed("InAppPurchaseData." + field + " must be a string");
    }
    return value.textValue();
  }

  private static long longValue(final JsonNode data, final String field) throws ReceiptRejectedException {
    final Long value = optionalLong(data, field);
    if (value == null) {
      throw malformed("InAppPurchaseData." + field + " must be an integer");
    }
    return value;
  }

  private static Long optionalLong(final JsonNode data, final String field) throws ReceiptRejectedException {
    final JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw malformed("InAppPurchaseData." + field + " must be an integer");
    }
    return value.longValue();
  }

  private static ReceiptRejectedException malformed(final String message) {
    return new ReceiptRejectedException(RejectionCode.MALFORMED_RECEIPT, message);
  }
}

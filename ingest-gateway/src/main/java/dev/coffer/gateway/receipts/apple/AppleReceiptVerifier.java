package dev.coffer.gateway.receipts.apple;

import com.apple.itunes.storekit.model.Data;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.apple.itunes.storekit.verification.VerificationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.ReceiptVerifier;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.requests.JsonReader;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.schemas.ledger.ProductType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies App Store (StoreKit 2) signed transactions and App Store Server Notifications v2 offline, with Apple's
 * own {@link SignedDataVerifier}: the {@code x5c} chain up to a configured root (with Apple's certificate
 * extensions, valid at the payload's {@code signedDate}), the ES256 signature, the bundle id and the environment.
 * Online checks (OCSP, current-date validity) are off.
 *
 * <p>Apple's {@link VerificationException} statuses become distinct {@link RejectionCode}s: an untrusted or
 * ill-formed chain is {@code UNTRUSTED_CHAIN}, another bundle (or app Apple id) {@code WRONG_BUNDLE_ID}, another
 * environment {@code WRONG_ENVIRONMENT}, a signature that does not hold {@code BAD_SIGNATURE}, and data that is no
 * JWS or whose payload does not parse the caller's "malformed" code.
 */
public final class AppleReceiptVerifier implements ReceiptVerifier<String> {

  private static final String ALGORITHM = "ES256";

  private final AppleSettings settings;
  private final SignedDataVerifier verifier;
  private final Clock clock;

  /** @param settings the app's App Store settings */
  public AppleReceiptVerifier(final AppleSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * @param settings the app's App Store settings
   * @param clock    the clock subscriptions' expiry is judged by
   */
  public AppleReceiptVerifier(final AppleSettings settings, final Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    final Set<InputStream> roots = new HashSet<>();
    for (final byte[] der : settings.trustedRootsDer()) {
      roots.add(new ByteArrayInputStream(der));
    }
    this.verifier = new SignedDataVerifier(roots, settings.bundleId(), settings.appAppleId(),
        settings.appleEnvironment(), false);
  }

  /**
   * Verifies a purchase: {@link #decodeTransaction} and then that it is not revoked ({@code TRANSACTION_REVOKED})
   * and, for a subscription, not yet expired ({@code TRANSACTION_EXPIRED}).
   */
  @Override
  public VerifiedReceipt verify(final String signedTransaction) throws ReceiptRejectedException {
    final VerifiedReceipt receipt = decodeTransaction(signedTransaction);
    if (receipt.revocation() != null) {
      throw new ReceiptRejectedException(RejectionCode.TRANSACTION_REVOKED, "transaction "
          + receipt.transactionId() + " was revoked at " + receipt.revocation().revokedAt()
          + " (" + receipt.revocation().reason() + ")");
    }
    final Instant now = clock.instant();
    if (receipt.productType() == ProductType.SUBSCRIPTION && receipt.expiresAt() != null
        && !receipt.expiresAt().isAfter(now)) {
      throw new ReceiptRejectedException(RejectionCode.TRANSACTION_EXPIRED, "subscription transaction "
          + receipt.transactionId() + " expired at " + receipt.expiresAt());
    }
    return receipt;
  }

  /**
   * Verifies a {@code signedTransaction} (signature, chain, bundle id, environment) and maps it, revocation
   * included, without judging product, revocation or expiry.
   *
   * @param signedTransaction the JWS from StoreKit 2 or the App Store Server API
   * @return the transaction
   * @throws ReceiptRejectedException if it cannot be verified or lacks a required field
   */
  public VerifiedReceipt decodeTransaction(final String signedTransaction) throws ReceiptRejectedException {
    return ApplePayloads.receipt(verifiedTransaction(signedTransaction, RejectionCode.MALFORMED_RECEIPT),
        RejectionCode.MALFORMED_RECEIPT, settings.environment());
  }

  /**
   * Verifies an App Store Server Notification v2 {@code signedPayload}, and the transaction and renewal info it
   * carries.
   *
   * @param signedPayload the {@code signedPayload} field of the notification's body
   * @return the notification
   * @throws ReceiptRejectedException if it, or a signed part of it, cannot be verified
   */
  public AppleNotification verifyNotification(final String signedPayload) throws ReceiptRejectedException {
    final RejectionCode malformed = RejectionCode.MALFORMED_NOTIFICATION;
    checkShape(signedPayload, malformed);
    final ResponseBodyV2DecodedPayload notification;
    try {
      notification = verifier.verifyAndDecodeNotification(signedPayload);
    } catch (final VerificationException e) {
      throw rejection(e, malformed, "notification");
    }
    final String type = notification.getRawNotificationType();
    final String uuid = notification.getNotificationUUID();
    if (type == null || uuid == null || notification.getSignedDate() == null) {
      throw new ReceiptRejectedException(malformed,
          "notification lacks notificationType, notificationUUID or signedDate");
    }
    final Data data = notification.getData();
    final String signedTransaction = data == null ? null : data.getSignedTransactionInfo();
    final String signedRenewal = data == null ? null : data.getSignedRenewalInfo();
    return new AppleNotification(
        type,
        notification.getRawSubtype(),
        uuid,
        settings.environment(),
        settings.bundleId(),
        Instant.ofEpochMilli(notification.getSignedDate()),
        signedTransaction == null ? null : ApplePayloads.receipt(verifiedTransaction(signedTransaction,
            malformed), malformed, settings.environment()),
        signedRenewal == null ? null : ApplePayloads.renewalInfo(verifiedRenewalInfo(signedRenewal,
            malformed), settings.environment()));
  }

  /**
   * Verifies a {@code signedRenewalInfo} (signature, chain, bundle id, environment) and maps it.
   *
   * @param signedRenewalInfo the JWS from a notification or the App Store Server API
   * @return the renewal info
   * @throws ReceiptRejectedException if it cannot be verified
   */
  public AppleRenewalInfo decodeRenewalInfo(final String signedRenewalInfo) throws ReceiptRejectedException {
    return ApplePayloads.renewalInfo(verifiedRenewalInfo(signedRenewalInfo, RejectionCode.MALFORMED_RECEIPT),
        settings.environment());
  }

  /** @return the settings this verifier checks against */
  public AppleSettings settings() {
    return settings;
  }

  private JWSTransactionDecodedPayload verifiedTransaction(final String signedTransaction,
                                                           final RejectionCode malformed)
      throws ReceiptRejectedException {
    checkShape(signedTransaction, malformed);
    try {
      return verifier.verifyAndDecodeTransaction(signedTransaction);
    } catch (final VerificationException e) {
      throw rejection(e, malformed, "transaction");
    }
  }

  private JWSRenewalInfoDecodedPayload verifiedRenewalInfo(final String signedRenewalInfo,
                                                           final RejectionCode malformed)
      throws ReceiptRejectedException {
    checkShape(signedRenewalInfo, malformed);
    try {
      return verifier.verifyAndDecodeRenewalInfo(signedRenewalInfo);
    } catch (final VerificationException e) {
      throw rejection(e, malformed, "renewal info");
    }
  }

  /**
   * Checks the JWS's shape before Apple's verifier sees it, because Apple reports a malformed token and a
   * signature that does not hold with the same status: whatever passes here and still fails verification is a
   * bad signature.
   */
  private static void checkShape(final String jws, final RejectionCode malformed) throws ReceiptRejectedException {
    if (jws == null || jws.isEmpty()) {
      throw new ReceiptRejectedException(malformed, "signed data is missing");
    }
    final String[] parts = jws.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new ReceiptRejectedException(malformed, "signed data is not a compact JWS (header.payload.signature)");
    }
    final JsonReader<ReceiptRejectedException> header = JsonReader.parse(base64url(parts[0], "header", malformed),
        ReceiptRejectedException.as(malformed), "JWS header");
    JsonReader.parse(base64url(parts[1], "payload", malformed), ReceiptRejectedException.as(malformed),
        "JWS payload");
    base64url(parts[2], "signature", malformed);
    header.texts("x5c");
    final String algorithm = header.text("alg");
    if (!ALGORITHM.equals(algorithm)) {
      throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
          "JWS algorithm is " + algorithm + "; the App Store signs with " + ALGORITHM);
    }
  }

  private static String base64url(final String part, final String what, final RejectionCode malformed)
      throws ReceiptRejectedException {
    try {
      return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    } catch (final IllegalArgumentException e) {
      throw new ReceiptRejectedException(malformed, "JWS " + what + " is not base64url", e);
    }
  }

  private ReceiptRejectedException rejection(final VerificationException e, final RejectionCode malformed,
                                             final String what) {
    final String detail = e.getStatus() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
    return switch (e.getStatus()) {
      case INVALID_APP_IDENTIFIER -> new ReceiptRejectedException(RejectionCode.WRONG_BUNDLE_ID,
          what + " is not for bundle id " + settings.bundleId()
              + (settings.appAppleId() == null ? "" : " (app Apple id " + settings.appAppleId() + ")"),
          e);
      case INVALID_ENVIRONMENT -> new ReceiptRejectedException(RejectionCode.WRONG_ENVIRONMENT,
          what + " is not from the " + settings.environment() + " environment", e);
      // RETRYABLE only comes from online revocation checks, which are off: a chain failure all the same.
      case INVALID_CERTIFICATE, INVALID_CHAIN_LENGTH, INVALID_CHAIN, RETRYABLE_VERIFICATION_FAILURE ->
        new ReceiptRejectedException(RejectionCode.UNTRUSTED_CHAIN,
            what + "'s certificate chain is not trusted: " + detail, e);
      case VERIFICATION_FAILURE -> causedBy(e, JsonProcessingException.class)
          ? new ReceiptRejectedException(malformed, what + " payload does not parse: " + detail, e)
          : new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
              what + " signature does not verify: " + detail, e);
      case OK -> throw new IllegalStateException("Apple's verifier failed with status OK", e);
    };
  }

  private static boolean causedBy(final Throwable failure, final Class<? extends Throwable> type) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}

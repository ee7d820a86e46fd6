package dev.coffer.apps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.util.List;

/**
 * An app's store settings; a store left out is disabled for the app. Bound from the apps file's
 * {@code stores} map: a new setting is one record component here plus one property in
 * {@code apps.schema.json} (mark secrets {@link Secret}, RSA keys {@link RsaPublicKey}).
 *
 * @param googlePlay Google Play's package and licensing key; nullable
 * @param cafeBazaar Cafe Bazaar's package and RSA key; nullable
 * @param apple the App Store's bundle, environment and trusted roots; nullable
 * @param test the {@code test} store's secret (local stack and demos); nullable
 * @param huaweiAppGallery Huawei AppGallery IAP's package and public key; nullable
 * @param stripe Stripe webhooks' endpoint secrets; nullable
 */
public record StoreSettings(SignedPurchaseStore googlePlay, SignedPurchaseStore cafeBazaar, AppleStore apple,
                            TestStore test, HuaweiStore huaweiAppGallery, StripeStore stripe) {

  /** The fewest bytes of a store's secret (the test store's, Google's notification token). */
  public static final int MIN_STORE_SECRET_BYTES = 16;

  /** No store enabled. */
  public static StoreSettings none() {
    return new StoreSettings(null, null, null, null, null, null);
  }

  /**
   * Google Play or Cafe Bazaar (the same signed purchase format).
   *
   * @param packageName the app's package name
   * @param publicKeyBase64 base64 X.509 SubjectPublicKeyInfo of the RSA key the console shows
   *     (file key {@code publicKey})
   * @param notificationToken Google Play only: the secret token Pub/Sub push must carry
   *     ({@code ?token=}) on {@code /notifications/google}; nullable (endpoint disabled)
   * @param buyerBinding Google Play only: {@code off}, {@code check} or {@code require}, whether purchases must
   *     carry the player's {@code obfuscatedAccountId}; nullable ({@code off})
   * @param api Google Play only: the Play Developer API; nullable (not used)
   */
  public record SignedPurchaseStore(String packageName,
                                    @JsonProperty("publicKey") @RsaPublicKey String publicKeyBase64,
                                    @Secret(minBytes = MIN_STORE_SECRET_BYTES) String notificationToken,
                                    String buyerBinding, GooglePlayApi api) {
    /** Google Play or Cafe Bazaar without buyer binding or API. */
    public SignedPurchaseStore(final String packageName, final String publicKeyBase64, final String notificationToken) {
      this(packageName, publicKeyBase64, notificationToken, null, null);
    }

    @Override
    public String toString() {
      return "SignedPurchaseStore[packageName=" + packageName + "]";
    }
  }

  /**
   * The App Store (StoreKit 2).
   *
   * @param bundleId the bundle id
   * @param appAppleId the App Store Connect app id; required in production
   * @param environment which environment's signed data is accepted
   * @param trustedRootsDer DER of the root certificates trusted (Apple Root CA - G3 in production); file
   *     key {@code trustedRoots}, each a file path or {@code base64:<DER>}
   */
  public record AppleStore(String bundleId, Long appAppleId, StoreEnvironment environment,
                           @JsonProperty("trustedRoots") @JsonDeserialize(
                               contentUsing = CertificateReference.class) List<byte[]> trustedRootsDer,
                           String buyerBinding, AppleApi api) {
    public AppleStore {
      trustedRootsDer = trustedRootsDer.stream().map(byte[]::clone).toList();
    }

    /** The App Store without buyer binding or API. */
    public AppleStore(final String bundleId, final Long appAppleId, final StoreEnvironment environment,
                      final List<byte[]> trustedRootsDer) {
      this(bundleId, appAppleId, environment, trustedRootsDer, null, null);
    }
  }

  /**
   * The Google Play Developer API, called as a service account.
   *
   * @param serviceAccountJson the service account's JSON key (file key {@code serviceAccountFile}, a path
   *     relative to the apps file, read at load)
   * @param rootUrl the API's root URL ending in {@code /}; nullable (Google's)
   */
  public record GooglePlayApi(@JsonProperty("serviceAccountFile") @JsonDeserialize(
      using = FileContents.class) byte[] serviceAccountJson, String rootUrl) {
    @Override
    public String toString() {
      return "GooglePlayApi[rootUrl=" + rootUrl + "]";
    }
  }

  /**
   * The App Store Server API, called with an In-App Purchase key.
   *
   * @param keyId the key's id
   * @param issuerId the issuer id
   * @param privateKeyPem the {@code .p8} key (file key {@code privateKeyFile}, a path relative to the apps file,
   *     read at load)
   * @param baseUrl {@code scheme://host[:port]} instead of Apple's host; nullable (Apple's, for the environment)
   */
  public record AppleApi(String keyId, String issuerId,
                         @JsonProperty("privateKeyFile") @JsonDeserialize(
                             using = FileContents.class) byte[] privateKeyPem, String baseUrl) {
    @Override
    public String toString() {
      return "AppleApi[keyId=" + keyId + ", issuerId=" + issuerId + ", baseUrl=" + baseUrl + "]";
    }
  }

  /**
   * Huawei AppGallery in-app purchases.
   *
   * @param packageName the app's package name
   * @param applicationId the AppGallery app id; nullable (not checked)
   * @param publicKey the IAP public key, base64 X.509
   */
  public record HuaweiStore(String packageName, Long applicationId, @RsaPublicKey String publicKey) {
    @Override
    public String toString() {
      return "HuaweiStore[packageName=" + packageName + "]";
    }
  }

  /**
   * Stripe webhooks (web purchases).
   *
   * @param endpointSecrets the webhook endpoint's signing secrets; several while one is rolled over
   * @param toleranceSeconds how old a signature may be; nullable (300)
   */
  public record StripeStore(@Secret(minBytes = MIN_STORE_SECRET_BYTES) List<String> endpointSecrets,
                            Long toleranceSeconds) {
    public StripeStore {
      endpointSecrets = List.copyOf(endpointSecrets);
    }

    @Override
    public String toString() {
      return "StripeStore[secrets=" + endpointSecrets.size() + ", toleranceSeconds=" + toleranceSeconds + "]";
    }
  }

  /**
   * The {@code test} store.
   *
   * @param secret the HMAC secret test receipts are signed with
   */
  public record TestStore(@Secret(minBytes = MIN_STORE_SECRET_BYTES) String secret) {
    @Override
    public String toString() {
      return "TestStore[secret=<set>]";
    }
  }
}

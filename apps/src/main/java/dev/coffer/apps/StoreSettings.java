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
 */
public record StoreSettings(SignedPurchaseStore googlePlay, SignedPurchaseStore cafeBazaar, AppleStore apple,
                            TestStore test) {

  /** The fewest bytes of a store's secret (the test store's, Google's notification token). */
  public static final int MIN_STORE_SECRET_BYTES = 16;

  /** No store enabled. */
  public static StoreSettings none() {
    return new StoreSettings(null, null, null, null);
  }

  /**
   * Google Play or Cafe Bazaar (the same signed purchase format).
   *
   * @param packageName the app's package name
   * @param publicKeyBase64 base64 X.509 SubjectPublicKeyInfo of the RSA key the console shows
   *     (file key {@code publicKey})
   * @param notificationToken Google Play only: the secret token Pub/Sub push must carry
   *     ({@code ?token=}) on {@code /notifications/google}; nullable (endpoint disabled)
   */
  public record SignedPurchaseStore(String packageName,
                                    @JsonProperty("publicKey") @RsaPublicKey String publicKeyBase64,
                                    @Secret(minBytes = MIN_STORE_SECRET_BYTES) String notificationToken) {
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
                           @JsonProperty("trustedRoots") @JsonDeserialize(contentUsing = CertificateReference.class)
                           List<byte[]> trustedRootsDer) {
    public AppleStore {
      trustedRootsDer = trustedRootsDer.stream().map(byte[]::clone).toList();
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

package dev.coffer.gateway.receipts.huawei;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One app's Huawei AppGallery IAP settings.
 *
 * @param packageName     the app's package name; purchases for another package are refused
 * @param applicationId   the AppGallery app id ({@code applicationId} in the purchase data); nullable (not checked)
 * @param publicKeyBase64 the app's IAP public key as AppGallery Connect shows it (In-App Purchases, key): base64
 *                        of an X.509 {@code SubjectPublicKeyInfo} holding an RSA key
 */
public record HuaweiSettings(String packageName, Long applicationId, String publicKeyBase64) {

  private static final int MIN_KEY_BITS = 2048;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Validates every field; the key must decode to an RSA public key of at least 2048 bits. */
  public HuaweiSettings {
    if (packageName == null || packageName.isBlank()) {
      throw new IllegalArgumentException("packageName is required");
    }
    if (publicKeyBase64 == null || publicKeyBase64.isBlank()) {
      throw new IllegalArgumentException("publicKey is required for package " + packageName);
    }
    decode(packageName, publicKeyBase64);
  }

  /** @return the decoded RSA public key */
  RSAPublicKey publicKey() {
    return decode(packageName, publicKeyBase64);
  }

  private static RSAPublicKey decode(final String packageName, final String base64) {
    final byte[] der;
    try {
      der = Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("publicKey of " + packageName + " is not base64", e);
    }
    final PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (final InvalidKeySpecException e) {
      throw new IllegalArgumentException("publicKey of " + packageName + " is not an X.509 RSA public key", e);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA key factory", e);
    }
    final RSAPublicKey rsa = (RSAPublicKey) key;
    if (rsa.getModulus().bitLength() < MIN_KEY_BITS) {
      throw new IllegalArgumentException("publicKey of " + packageName + " is a " + rsa.getModulus().bitLength()
          + "-bit RSA key; AppGallery IAP keys have at least " + MIN_KEY_BITS + " bits");
    }
    return rsa;
  }

  @Override
  public String toString() {
    return "HuaweiSettings[packageName=" + packageName + ", applicationId=" + applicationId + "]";
  }
}

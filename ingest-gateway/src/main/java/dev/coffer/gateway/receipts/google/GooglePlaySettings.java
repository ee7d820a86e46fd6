package dev.coffer.gateway.receipts.google;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One app's settings for Google Play or Cafe Bazaar receipts (both use the same signed purchase format).
 *
 * @param packageName     the app's package name, e.g. {@code com.example.game}
 * @param publicKeyBase64 the app's licensing public key as the store console shows it: base64 of an X.509
 *                        {@code SubjectPublicKeyInfo} holding an RSA key (2048 bits at Google, 1392 at Bazaar)
 */
public record GooglePlaySettings(String packageName, String publicKeyBase64) {

  // Anything smaller is no real store key; the stores use 2048 (Google) and 1392 (Bazaar).
  private static final int MIN_KEY_BITS = 1024;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Validates both fields; the key must decode to an RSA public key. */
  public GooglePlaySettings {
    if (packageName == null || packageName.isBlank()) {
      throw new IllegalArgumentException("packageName is required");
    }
    if (publicKeyBase64 == null || publicKeyBase64.isBlank()) {
      throw new IllegalArgumentException("publicKeyBase64 is required for package " + packageName);
    }
    decodeKey(packageName, publicKeyBase64);
  }

  /** @return the decoded RSA public key */
  RSAPublicKey publicKey() {
    return decodeKey(packageName, publicKeyBase64);
  }

  private static RSAPublicKey decodeKey(final String packageName, final String base64) {
    final byte[] der;
    try {
      // Keys pasted from a console often carry line breaks; anything else that is not base64 is an error.
      der = Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("publicKeyBase64 of " + packageName + " is not base64", e);
    }
    final PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (final InvalidKeySpecException e) {
      throw new IllegalArgumentException(
          "publicKeyBase64 of " + packageName + " is not an X.509 RSA public key", e);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA key factory", e);
    }
    final RSAPublicKey rsa = (RSAPublicKey) key;
    final int bits = rsa.getModulus().bitLength();
    if (bits < MIN_KEY_BITS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "publicKeyBase64 of %s is a %d-bit RSA key; store keys have at least %d bits",
          packageName, bits, MIN_KEY_BITS));
    }
    return rsa;
  }
}

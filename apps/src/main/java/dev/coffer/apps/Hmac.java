package dev.coffer.apps;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one MAC of player refs and player tokens. */
final class Hmac {
  private static final String ALGORITHM = "HmacSHA256";

  private Hmac() {
  }

  static byte[] sha256(final byte[] key, final byte[] data) {
    try {
      final Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(data);
    } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(ALGORITHM + " is unavailable", e);
    }
  }
}

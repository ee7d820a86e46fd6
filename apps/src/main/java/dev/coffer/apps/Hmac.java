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
    return init(key).doFinal(data);
  }

  private static Mac init(final byte[] key) {
    try {
      final Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(ALGORITHM + " is unavailable", e);
    }
  }

  /**
   * HMAC-SHA256 under one key, for keys used on every request: each MAC is a clone of one initialised MAC,
   * which skips the provider lookup and key setup {@link #sha256} pays each time. The prototype is never
   * updated, so cloning it from many threads is safe.
   */
  static final class Keyed {
    private final byte[] key;
    private final Mac prototype;

    Keyed(final byte[] key) {
      this.key = key.clone();
      this.prototype = init(this.key);
    }

    byte[] sign(final byte[] data) {
      final Mac mac;
      try {
        mac = (Mac) prototype.clone();
      } catch (final CloneNotSupportedException e) {
        // A provider whose MAC cannot be cloned: set one up afresh (as sha256 does).
        return sha256(key, data);
      }
      return mac.doFinal(data);
    }
  }
}

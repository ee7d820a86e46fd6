package dev.coffer.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM, the one cipher of data keys and of everything encrypted under them. Sealed bytes are
 * {@code [format 1][12-byte IV][ciphertext and 16-byte tag]}; the associated data binds them to where
 * they belong (a player, an event), so bytes moved elsewhere do not open.
 */
public final class Aead {
  /** The format byte of sealed bytes. */
  public static final byte FORMAT = 1;
  /** Bytes of a key. */
  public static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  /**
   * NIST's DRBG, seeded by the system: {@code new SecureRandom()} is NativePRNG on Linux, which reads
   * {@code /dev/urandom} under one lock for every IV (profiled: 3% of a gateway write's CPU, contended).
   */
  private static final SecureRandom RANDOM = drbg();

  private Aead() {
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (final java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG is unavailable", e);
    }
  }

  /** A new random 256-bit key. */
  public static byte[] newKey() {
    final byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * Encrypts and authenticates {@code plaintext} under {@code key}.
   *
   * @param key 32 bytes
   * @param associated what the bytes belong to (authenticated, not stored)
   * @param plaintext what to seal
   * @return format byte, IV, ciphertext and tag
   */
  public static byte[] seal(final byte[] key, final String associated, final byte[] plaintext) {
    final byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      final Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, associated);
      final byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  /**
   * Opens bytes made by {@link #seal}.
   *
   * @param key the key they were sealed under
   * @param associated the associated data they were sealed with
   * @param sealed format byte, IV, ciphertext and tag
   * @return the plaintext
   * @throws UnreadableException if the format is unknown, the key or associated data differ, or the bytes
   *     were changed
   */
  public static byte[] open(final byte[] key, final String associated, final byte[] sealed) {
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new UnreadableException("not sealed bytes of format " + FORMAT);
    }
    try {
      final Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES),
          associated);
      return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
    } catch (final javax.crypto.AEADBadTagException e) {
      throw new UnreadableException("the key or associated data do not match, or the bytes were changed");
    } catch (final GeneralSecurityException e) {
      throw new UnreadableException("cannot open: " + e.getMessage());
    }
  }

  private static Cipher cipher(final int mode, final byte[] key, final byte[] iv, final String associated)
      throws GeneralSecurityException {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes");
    }
    final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** Sealed bytes that cannot be opened with the key and associated data given. */
  public static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableException(final String message) {
      super(message);
    }
  }
}

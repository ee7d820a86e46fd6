package dev.coffer.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hashing and checking API keys. Keys are stored as SHA-256 (a key is a long random secret, so a
 * plain hash is enough: there is nothing to brute-force) and compared in constant time, against
 * every key of the app, so neither which key matched nor how much of it leaks through timing.
 *
 * <p>{@code java -cp coffer-apps.jar dev.coffer.apps.ApiKeys KEY...} prints the hash of each key
 * for the apps file.
 */
public final class ApiKeys {
  private static final MessageDigest SHA256 = newDigest();

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  /** The longest key accepted on a request; longer ones are refused without hashing. */
  public static final int MAX_KEY_LENGTH = 512;

  private ApiKeys() {
  }

  /** Prints {@code sha256 key} lines, one per argument. */
  public static void main(final String[] args) {
    for (final String key : args) {
      System.out.println(sha256Hex(key));
    }
  }

  /** The SHA-256 of a key's UTF-8 bytes, 64 lowercase hex digits. */
  public static String sha256Hex(final String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  /** Whether {@code text} is 64 hex digits. */
  public static boolean isSha256Hex(final String text) {
    return text != null && SHA256_HEX.matcher(text).matches();
  }

  /**
   * The key among {@code keys} whose hash is the hash of {@code presented}, compared in constant
   * time against all of them.
   */
  public static Optional<ApiKey> match(final List<ApiKey> keys, final String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    final byte[] hash = sha256(presented);
    ApiKey found = null;
    // No early exit: every key is compared whatever matched.
    for (final ApiKey key : keys) {
      if (MessageDigest.isEqual(hash, key.hash()) && found == null) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(final String key) {
    return digest().digest(key.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh SHA-256: a clone of an unused prototype (every request hashes its key; the lookup is dearer). */
  private static MessageDigest digest() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (final CloneNotSupportedException e) {
      return newDigest();
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}

package dev.coffer.client.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Idempotency keys: what makes a grant, a spend or a consume happen once however often it is sent. The
 * gateway deduplicates on {@code (app, player, key)} forever, so a retry with the same key is answered
 * with the first outcome (DUPLICATE), never applied twice. A key is 1 to 128 characters of
 * {@code A-Z a-z 0-9 . _ : -}.
 *
 * <p>Take keys from your own domain when you have one (an order id, a quest-reward id): a retry after a
 * crash then reuses it by construction. Otherwise let the request factories generate one
 * ({@link #generate()}, a random UUID), keep the request object, and send that same object again to retry.
 */
public final class IdempotencyKeys {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private IdempotencyKeys() {
  }

  /** A fresh random key (a UUID). */
  public static String generate() {
    return UUID.randomUUID().toString();
  }

  /**
   * Checks a key.
   *
   * @param key the key
   * @return the key
   * @throws IllegalArgumentException if it is not 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}
   */
  public static String check(final String key) {
    if (key == null || !VALID.matcher(key).matches()) {
      throw new IllegalArgumentException("an idempotency key is 1 to 128 characters of A-Z a-z 0-9 . _ : -, was "
          + key);
    }
    return key;
  }
}

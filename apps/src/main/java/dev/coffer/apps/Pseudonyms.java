package dev.coffer.apps;

import dev.coffer.schemas.ledger.Store;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * The keyed pseudonyms of one app, each an HMAC-SHA256 under its own key derived from the app's
 * pseudonym key with a fixed label (so one use can never stand for another, and no new setting is
 * needed):
 * <ul>
 *   <li>{@link #lookup}: the directory's key of an external player id. It leads to the player's random
 *       ref only while the directory holds an ACTIVE entry: after erasure, to an ERASED marker.
 *   <li>{@link #storeRef}: {@code sref.<...>} for a store's own id (order id, transaction id, purchase
 *       token); the same id always gives the same ref, app-wide, so receipts dedupe across players and a
 *       refund after erasure still finds its purchase.
 *   <li>{@link #keyRef} and {@link #systemName}: a caller's idempotency key and the variable part of a
 *       key Coffer makes (a store notification's ids, a migration batch), so a retry still dedupes.
 * </ul>
 * Whoever holds the apps file can compute any of them for a value they already know (confirm that a
 * given order id is in the purchase log), never recover a value from a pseudonym.
 */
public final class Pseudonyms {
  /** The prefix of a store ref. */
  public static final String STORE_REF = "sref.";
  /** The prefix of a key ref. */
  public static final String KEY_REF = "kref.";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Hmac.Keyed lookupKey;
  private final Hmac.Keyed storeKey;
  private final Hmac.Keyed idempotencyKey;
  private final Hmac.Keyed systemKey;

  Pseudonyms(final byte[] pseudonymKey) {
    Objects.requireNonNull(pseudonymKey, "pseudonymKey");
    this.lookupKey = new Hmac.Keyed(derive(pseudonymKey, "lookup"));
    this.storeKey = new Hmac.Keyed(derive(pseudonymKey, "store-ref"));
    this.idempotencyKey = new Hmac.Keyed(derive(pseudonymKey, "idempotency-key"));
    this.systemKey = new Hmac.Keyed(derive(pseudonymKey, "system-key"));
  }

  /** A sub-key of the pseudonym key: HMAC-SHA256(pseudonymKey, "coffer/v1/" + label). */
  static byte[] derive(final byte[] pseudonymKey, final String label) {
    return Hmac.sha256(pseudonymKey, ("coffer/v1/" + label).getBytes(StandardCharsets.UTF_8));
  }

  /** The directory lookup of an external player id: 43 base64url characters. */
  public String lookup(final String playerId) {
    return mac(lookupKey, Objects.requireNonNull(playerId, "playerId"));
  }

  /**
   * The store ref of a store's id; a value that already is a store ref is returned as it is, so a ref can
   * be passed where an id is expected.
   *
   * @param store the store
   * @param id its id (nullable)
   * @return {@code sref.<43 base64url characters>}, or null for null
   */
  public String storeRef(final Store store, final String id) {
    if (id == null || id.startsWith(STORE_REF)) {
      return id;
    }
    return STORE_REF + mac(storeKey, store.name().toLowerCase(Locale.ROOT) + "|" + id);
  }

  /** Whether {@code value} is a store ref. */
  public static boolean isStoreRef(final String value) {
    return value != null && value.startsWith(STORE_REF);
  }

  /** The pseudonym of a caller's idempotency key: {@code kref.<43 base64url characters>}. */
  public String keyRef(final String idempotencyKey) {
    return KEY_REF + mac(this.idempotencyKey, idempotencyKey);
  }

  /**
   * The pseudonym of a system key's name: {@code <prefix>} stays as it is ({@code erasure}), and
   * {@code <prefix>:<rest>} becomes {@code <prefix>:kref.<HMAC of the whole name>}, so the kind of a key
   * ({@code apple}, {@code google}, {@code stripe}, {@code migration}) stays readable and the store's ids in
   * it do not.
   */
  public String systemName(final String name) {
    final int colon = name.indexOf(':');
    if (colon < 0) {
      return name;
    }
    return name.substring(0, colon) + ":" + KEY_REF + mac(systemKey, name);
  }

  private static String mac(final Hmac.Keyed key, final String value) {
    return BASE64URL.encodeToString(key.sign(value.getBytes(StandardCharsets.UTF_8)));
  }
}

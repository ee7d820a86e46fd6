package dev.coffer.keys;

import dev.coffer.schemas.ledger.Store;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a ledger event unique: the record key of {@code coffer.ledger-events} and the key under
 * which the ledger remembers an event. The only place that builds and parses the wire form.
 *
 * <ul>
 *   <li>{@link Receipt} {@code appId|receipt|<store>|<transactionId>}: a store purchase. Unique across
 *       players, so its dedupe needs a stage keyed by receipt before the player's fold.
 *   <li>{@link Caller} {@code appId|player|<playerRef>|<idempotencyKey>}: a request carrying the
 *       caller's idempotency key. Scoped to one player: deduped inside the player's partition.
 *   <li>{@link SystemMade} {@code appId|system|<playerRef>|<name>}: a key Coffer makes itself (erasure,
 *       store notifications, migration rows without a key). Also player-scoped, in a namespace no
 *       caller can reach: a caller's key always lands in the {@code player} segment, whatever it says.
 * </ul>
 *
 * <p>{@code appId} and {@code playerRef} never contain {@code |}; the last segment may.
 */
public sealed interface DedupeKey {
  /** The segment of receipt keys. */
  String RECEIPT = "receipt";
  /** The segment of caller keys. */
  String PLAYER = "player";
  /** The segment of system-made keys. */
  String SYSTEM = "system";

  /** The tenant. */
  String appId();

  /** The wire form, e.g. {@code app|player|ref|key}. */
  String value();

  /** Whether this key is unique within one player (everything but a receipt). */
  default boolean playerScoped() {
    return !(this instanceof Receipt);
  }

  /**
   * A store purchase's key.
   *
   * @param appId the tenant
   * @param store the store's wire name, lowercase ({@code google_play})
   * @param transactionId the store's transaction id (Google and Bazaar orderId, Apple transactionId)
   */
  record Receipt(String appId, String store, String transactionId) implements DedupeKey {
    public Receipt {
      requireSegment(appId, "appId");
      requireSegment(store, "store");
      requireText(transactionId, "transactionId");
    }

    /**
     * The key of a purchase in {@code store}.
     *
     * @param appId the tenant
     * @param store the store
     * @param transactionId its transaction id
     * @return the key
     */
    public static Receipt of(final String appId, final Store store, final String transactionId) {
      return new Receipt(appId, storeName(store), transactionId);
    }

    @Override
    public String value() {
      return appId + "|" + RECEIPT + "|" + store + "|" + transactionId;
    }
  }

  /**
   * A request's key, carrying the caller's idempotency key.
   *
   * @param appId the tenant
   * @param playerRef the player
   * @param idempotencyKey the caller's key
   */
  record Caller(String appId, String playerRef, String idempotencyKey) implements DedupeKey {
    public Caller {
      requireSegment(appId, "appId");
      requireSegment(playerRef, "playerRef");
      requireText(idempotencyKey, "idempotencyKey");
    }

    @Override
    public String value() {
      return appId + "|" + PLAYER + "|" + playerRef + "|" + idempotencyKey;
    }
  }

  /**
   * A key Coffer made (erasure {@code erasure}, store notifications {@code apple:<uuid>},
   * {@code google:<messageId>}, migration rows without a caller key).
   *
   * @param appId the tenant
   * @param playerRef the player
   * @param name what Coffer named it
   */
  record SystemMade(String appId, String playerRef, String name) implements DedupeKey {
    public SystemMade {
      requireSegment(appId, "appId");
      requireSegment(playerRef, "playerRef");
      requireText(name, "name");
    }

    @Override
    public String value() {
      return appId + "|" + SYSTEM + "|" + playerRef + "|" + name;
    }
  }

  /**
   * Parses a wire-form key.
   *
   * @param value a record key
   * @return the key, or empty if it is none of the three forms
   */
  static Optional<DedupeKey> parse(final String value) {
    if (value == null) {
      return Optional.empty();
    }
    final String[] parts = value.split("\\|", 4);
    if (parts.length != 4 || parts[0].isBlank() || parts[2].isBlank() || parts[3].isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(switch (parts[1]) {
      case RECEIPT -> new Receipt(parts[0], parts[2], parts[3]);
      case PLAYER -> new Caller(parts[0], parts[2], parts[3]);
      case SYSTEM -> new SystemMade(parts[0], parts[2], parts[3]);
      default -> null;
    });
  }

  /** The wire name of a store: its symbol in lower case ({@code google_play}). */
  static String storeName(final Store store) {
    return Objects.requireNonNull(store, "store").name().toLowerCase(Locale.ROOT);
  }

  private static void requireSegment(final String value, final String what) {
    requireText(value, what);
    if (value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(what + " must not contain '|': " + value);
    }
  }

  private static void requireText(final String value, final String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }
}

package dev.coffer.apps;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant: a game or app, with its keys, pseudonyms and data-key wrapping, player-token secret, store and webhook
 * settings and initial catalog. Built by {@link Apps} from the apps file.
 */
public final class App {
  /** The fewest bytes of the pseudonym key, the player-token secret and webhook secrets. */
  public static final int MIN_SECRET_BYTES = 32;
  private final String appId;
  private final List<ApiKey> keys;
  private final Pseudonyms pseudonyms;
  private final DataKeys dataKeys;
  private final byte[] playerTokenSecret;
  private final StoreSettings stores;
  private final WebhookSettings webhooks;
  private final InitialCatalog catalog;

  /**
   * @param appId the app id
   * @param keys its API keys (hashes)
   * @param pseudonymKey the key the app's pseudonyms and its players' key-encryption key derive from, at
   *     least 32 bytes
   * @param playerTokenSecret the secret player tokens are signed with, at least 32 bytes
   * @param stores store settings
   * @param webhooks webhook settings; nullable
   * @param catalog the initial catalog
   */
  public App(final String appId, final List<ApiKey> keys, final byte[] pseudonymKey, final byte[] playerTokenSecret,
             final StoreSettings stores, final WebhookSettings webhooks, final InitialCatalog catalog) {
    if (!Identifiers.isAppId(appId)) {
      throw new IllegalArgumentException("not an app id: " + appId);
    }
    this.appId = appId;
    this.keys = List.copyOf(keys);
    this.pseudonyms = new Pseudonyms(pseudonymKey);
    this.dataKeys = new DataKeys(appId, pseudonymKey);
    this.playerTokenSecret = playerTokenSecret.clone();
    this.stores = Objects.requireNonNull(stores, "stores");
    this.webhooks = webhooks;
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** The app id. */
  public String appId() {
    return appId;
  }

  /** Its API keys. */
  public List<ApiKey> keys() {
    return keys;
  }

  /** The key {@code presented} matches (constant time, see {@link ApiKeys#match}), if any. */
  public Optional<ApiKey> authenticate(final String presented) {
    return ApiKeys.match(keys, presented);
  }

  /** The app's keyed pseudonyms: directory lookups, store refs, key refs. */
  public Pseudonyms pseudonyms() {
    return pseudonyms;
  }

  /** The app's key-encryption key, which wraps its players' data keys. */
  public DataKeys dataKeys() {
    return dataKeys;
  }

  /** Issues a player token (what the game server does; tests and tools use it). */
  public String issuePlayerToken(final String playerId, final Instant expiresAt) {
    return PlayerTokens.issue(playerTokenSecret, appId, playerId, expiresAt);
  }

  /** Verifies a player token of this app and returns the player id it names. */
  public String verifyPlayerToken(final String token, final Instant now) throws PlayerTokens.InvalidTokenException {
    return PlayerTokens.verify(playerTokenSecret, appId, token, now);
  }

  /** Store settings. */
  public StoreSettings stores() {
    return stores;
  }

  /** Webhook settings, if configured. */
  public Optional<WebhookSettings> webhooks() {
    return Optional.ofNullable(webhooks);
  }

  /** The initial catalog. */
  public InitialCatalog catalog() {
    return catalog;
  }

  @Override
  public String toString() {
    return "App[" + appId + ", keys=" + keys.size() + "]";
  }
}

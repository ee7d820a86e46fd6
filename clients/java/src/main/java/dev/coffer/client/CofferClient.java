package dev.coffer.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * A game server's client of Coffer: the gateway's writes ({@link #writes()}, {@link #catalog()}) and
 * projections' reads ({@link #reads()}), authenticated with one app's API key. Thread-safe; make one per
 * app and share it.
 *
 * <pre>{@code
 * CofferClient coffer = CofferClient.builder()
 *     .gateway(URI.create("http://127.0.0.1:8080"))
 *     .projections(URI.create("http://127.0.0.1:8092"))
 *     .appId("demo").apiKey(serverKey).build();
 * Outcome granted = coffer.writes().grant("alice", GrantRequest.of("daily", Grants.currency("gems", 10)));
 * Wallet wallet = coffer.reads().wallet("alice", ReadOptions.atLeast(granted));
 * }</pre>
 *
 * <p>Every call blocks until answered; a 429 or 503 is retried per the {@link RetryPolicy} (honouring
 * {@code Retry-After}, same request, same idempotency key), and a write answered 202 is followed to its
 * outcome per the {@link FollowPolicy}. Failures are {@link CofferException}s.
 */
public final class CofferClient {
  private final String appId;
  private final Transport transport;

  private CofferClient(final String appId, final Transport transport) {
    this.appId = appId;
    this.transport = transport;
  }

  /** A builder; {@link Builder#appId}, {@link Builder#apiKey} and at least one URL are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The app this client acts for. */
  public String appId() {
    return appId;
  }

  /** The gateway's writes: purchases, grants, spends, consumes, erasure, migration, store notifications. */
  public Writes writes() {
    return new Writes(appId, transport);
  }

  /** Projections' reads: wallet, inventory, purchases, ledger, export, outcomes, live changes. */
  public Reads reads() {
    return new Reads(appId, transport);
  }

  /** The gateway's catalog: products and items, import and export. */
  public CatalogApi catalog() {
    return new CatalogApi(appId, transport);
  }

  /** Projections' webhook dead letters: re-drive a parked webhook. */
  public WebhooksApi webhooks() {
    return new WebhooksApi(appId, transport);
  }

  /**
   * The same client acting for one player with a client key: every call carries {@code X-Player-Token}
   * (issued by the game server; {@code pt1.<appId>.<playerId>.<expiry>.<mac>}). A client key may only send
   * purchases and read that player.
   *
   * @param playerToken the player's token
   * @return a client sharing this one's connections
   */
  public CofferClient withPlayerToken(final String playerToken) {
    return new CofferClient(appId, transport.withPlayerToken(playerToken));
  }

  /** Builds a {@link CofferClient}. */
  public static final class Builder {
    private URI gateway;
    private URI projections;
    private String appId;
    private String apiKey;
    private RetryPolicy retry = RetryPolicy.defaults();
    private FollowPolicy follow = FollowPolicy.defaults();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private HttpClient http;

    private Builder() {
    }

    /** The gateway's base URL, e.g. {@code http://127.0.0.1:8080} (writes, catalog). */
    public Builder gateway(final URI url) {
      this.gateway = base(url);
      return this;
    }

    /** Projections' base URL, e.g. {@code http://127.0.0.1:8092} (reads). */
    public Builder projections(final URI url) {
      this.projections = base(url);
      return this;
    }

    /** The app. */
    public Builder appId(final String id) {
      this.appId = id;
      return this;
    }

    /** The app's API key: a server key (everything) or a client key (with {@link #withPlayerToken}). */
    public Builder apiKey(final String key) {
      this.apiKey = key;
      return this;
    }

    /** How 429, 503 and network failures are retried (default {@link RetryPolicy#defaults()}). */
    public Builder retry(final RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How 202s are followed (default {@link FollowPolicy#defaults()}). */
    public Builder follow(final FollowPolicy policy) {
      this.follow = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The timeout of one HTTP attempt (default 30 s; longer than the servers' own waits). */
    public Builder requestTimeout(final Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The connect timeout of the client the builder makes (default 5 s). */
    public Builder connectTimeout(final Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** An {@link HttpClient} of your own (proxy, TLS, executor) instead of the one the builder makes. */
    public Builder httpClient(final HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The client. */
    public CofferClient build() {
      if (appId == null || appId.isBlank()) {
        throw new IllegalStateException("appId is required");
      }
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalStateException("apiKey is required");
      }
      if (gateway == null && projections == null) {
        throw new IllegalStateException("set the gateway URL, projections' URL, or both");
      }
      final HttpClient client = http != null ? http : HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(connectTimeout).build();
      return new CofferClient(appId, new Transport(client, gateway, projections, apiKey, null, retry, follow,
          requestTimeout, new Json()));
    }

    private static URI base(final URI url) {
      Objects.requireNonNull(url, "url");
      if (url.getScheme() == null || url.getHost() == null) {
        throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
      }
      final String text = url.toString();
      return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
  }
}

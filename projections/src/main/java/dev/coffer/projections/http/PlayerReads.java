package dev.coffer.projections.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.changes.ChangeFeed;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.history.HistoryKeys;
import dev.coffer.projections.history.HistoryPage;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.inventory.Inventory;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.projections.players.PlayerStatus;
import dev.coffer.projections.players.VersionWatch;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.PurchaseLogRecord;
import dev.coffer.projections.purchases.Purchases;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.query.Route;
import dev.coffer.projections.wallet.Balance;
import dev.coffer.projections.wallet.Wallet;
import dev.coffer.topics.CofferTopics;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read endpoints of the projections, under {@code /v1/apps/{appId}}. Every player read is
 * authenticated ({@link Access}), routed to the instance that owns the player's key (forwarded
 * there otherwise), waits for {@code ?minVersion=N} if asked, and answers 404 {@code PLAYER_ERASED}
 * for an erased player. A player the read models have never seen reads as empty at version 0.
 */
public final class PlayerReads {
  private static final Logger LOG = LoggerFactory.getLogger(PlayerReads.class);
  /** The most ledger entries one page holds. */
  public static final int MAX_PAGE = 500;
  private static final int DEFAULT_PAGE = 50;

  /**
   * How reads wait and retry.
   *
   * @param minVersionWait the longest a read waits for {@code ?minVersion=N}
   * @param retryAfterSeconds the {@code Retry-After} of every 503
   */
  public record Settings(Duration minVersionWait, long retryAfterSeconds) {
    public Settings {
      Objects.requireNonNull(minVersionWait, "minVersionWait");
    }
  }

  /**
   * The wallet of a player.
   *
   * @param appId the app
   * @param playerId the player, as the game names it
   * @param version the player's version the answer reflects (at least {@code minVersion})
   * @param balances one per currency; a negative balance is a debt, also shown as {@code debt}
   */
  public record WalletAnswer(String appId, String playerId, long version, List<Balance> balances) {
  }

  /**
   * The inventory of a player.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param instances the held item instances, oldest first
   */
  public record InventoryAnswer(String appId, String playerId, long version, List<Instance> instances) {
  }

  /**
   * The purchases of a player.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param purchases every purchase with its status now
   * @param log the purchase-log entries (price, country, ...) held on them
   */
  public record PurchasesAnswer(String appId, String playerId, long version, List<Purchase> purchases,
                                List<PurchaseLogRecord> log) {
  }

  /**
   * One page of a player's ledger history.
   *
   * @param appId the app
   * @param playerId the player
   * @param version the player's version the answer reflects
   * @param entries the page, newest first
   * @param nextCursor pass as {@code ?cursor=} for the next (older) page; {@code null} on the last
   */
  public record LedgerAnswer(String appId, String playerId, long version, List<HistoryEntry> entries,
                             String nextCursor) {
  }

  /**
   * Everything Coffer's read side holds on a player (GDPR access). For an erased player only the
   * erasure marker remains: every list is empty.
   *
   * @param appId the app
   * @param playerId the player
   * @param playerRef the pseudonymous ref every Kafka record of the player carries
   * @param version the player's version
   * @param erased whether the player was erased
   * @param erasedAt when, if erased
   * @param balances the wallet
   * @param instances the held item instances
   * @param purchases the purchases
   * @param purchaseLog the purchase-log entries
   * @param ledger every change, oldest first
   */
  public record ExportAnswer(String appId, String playerId, String playerRef, long version, boolean erased,
                             Instant erasedAt, List<Balance> balances, List<Instance> instances,
                             List<Purchase> purchases, List<PurchaseLogRecord> purchaseLog,
                             List<HistoryEntry> ledger) {
  }

  private final Access access;
  private final InteractiveQueries queries;
  private final Forwarder forwarder;
  private final VersionWatch watch;
  private final ObjectMapper json;
  private final Settings settings;
  private final ChangeFeed changes;

  /**
   * @param access authentication over the apps file
   * @param queries the interactive queries of this instance
   * @param forwarder forwards reads to the owner
   * @param watch version waits
   * @param json the JSON mapper
   * @param settings waits and retries
   * @param changes the live change feed, or {@code null} when server-sent events are off
   */
  public PlayerReads(final Access access, final InteractiveQueries queries, final Forwarder forwarder,
                     final VersionWatch watch, final ObjectMapper json, final Settings settings,
                     final ChangeFeed changes) {
    this.access = Objects.requireNonNull(access, "access");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.watch = Objects.requireNonNull(watch, "watch");
    this.json = Objects.requireNonNull(json, "json");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.changes = changes;
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/wallet[?minVersion=N]}: the player's balances and
   * debts. 200 {@link WalletAnswer}; 404 {@code PLAYER_ERASED}; 503 {@code VIEW_BEHIND},
   * {@code REBALANCING} with {@code Retry-After}.
   */
  public void wallet(final Context ctx) {
    servePlayer(ctx, false, (partition, key, status) -> {
      final Wallet wallet = orElse(queries.<Wallet>get(ProjectionStores.WALLETS, partition, key), Wallet.EMPTY);
      return new WalletAnswer(appId(ctx), playerId(ctx), status.version(), wallet.balances());
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/inventory[?minVersion=N]}: the item instances the
   * player holds. 200 {@link InventoryAnswer}; errors as {@link #wallet}.
   */
  public void inventory(final Context ctx) {
    servePlayer(ctx, false, (partition, key, status) -> {
      final Inventory inventory = orElse(queries.<Inventory>get(ProjectionStores.INVENTORIES, partition, key),
          Inventory.EMPTY);
      return new InventoryAnswer(appId(ctx), playerId(ctx), status.version(), inventory.instances());
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/purchases[?minVersion=N]}: every purchase with its
   * status (subscriptions: ACTIVE, IN_GRACE_PERIOD, IN_BILLING_RETRY, CANCELLED, EXPIRED, REVOKED,
   * PAUSED). 200 {@link PurchasesAnswer}; errors as {@link #wallet}.
   */
  public void purchases(final Context ctx) {
    servePlayer(ctx, false, (partition, key, status) -> {
      final Purchases purchases = orElse(queries.<Purchases>get(ProjectionStores.PURCHASES, partition, key),
          Purchases.EMPTY);
      return new PurchasesAnswer(appId(ctx), playerId(ctx), status.version(), purchases.purchases(),
          purchases.log());
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/ledger[?cursor=C&limit=L&minVersion=N]}: the
   * player's changes, newest first, each with its causing event and version; {@code limit} 1 to
   * {@value #MAX_PAGE} (default 50). 200 {@link LedgerAnswer}; 400 {@code INVALID_CURSOR},
   * {@code INVALID_LIMIT}; otherwise as {@link #wallet}.
   */
  public void ledger(final Context ctx) {
    final long before = cursor(ctx.queryParam("cursor"));
    final int limit = limit(ctx.queryParam("limit"));
    servePlayer(ctx, false, (partition, key, status) -> {
      final HistoryPage page = page(partition, key, before, limit);
      return new LedgerAnswer(appId(ctx), playerId(ctx), status.version(), page.entries(), page.nextCursor());
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/export[?minVersion=N]}: everything the read side
   * holds on the player (GDPR access). 200 {@link ExportAnswer}, also for an erased player (then
   * empty); 503 as {@link #wallet}.
   */
  public void export(final Context ctx) {
    servePlayer(ctx, true, (partition, key, status) -> {
      final String ref = key.substring(key.indexOf('|') + 1);
      if (status.erased()) {
        return new ExportAnswer(appId(ctx), playerId(ctx), ref, status.version(), true, status.erasedAt(),
            List.of(), List.of(), List.of(), List.of(), List.of());
      }
      final Wallet wallet = orElse(queries.<Wallet>get(ProjectionStores.WALLETS, partition, key), Wallet.EMPTY);
      final Inventory inventory = orElse(queries.<Inventory>get(ProjectionStores.INVENTORIES, partition, key),
          Inventory.EMPTY);
      final Purchases purchases = orElse(queries.<Purchases>get(ProjectionStores.PURCHASES, partition, key),
          Purchases.EMPTY);
      final List<HistoryEntry> ledger = new ArrayList<>(queries.<HistoryEntry>reverseRange(ProjectionStores.HISTORY,
          partition, HistoryKeys.first(key), HistoryKeys.last(key), Integer.MAX_VALUE));
      Collections.reverse(ledger);
      return new ExportAnswer(appId(ctx), playerId(ctx), ref, status.version(), false, null, wallet.balances(),
          inventory.instances(), purchases.purchases(), purchases.log(), ledger);
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/events/{eventId}}: what the ledger did with an event (APPLIED,
   * DUPLICATE or REJECTED, with its reason, version and changes), routed to the owner of the
   * eventId. A client key sees only events of the player its token names. 200 {@link EventOutcome};
   * 404 {@code EVENT_NOT_FOUND} (unknown, not processed yet, of another app, or erased); 503
   * {@code REBALANCING}.
   */
  public void event(final Context ctx) {
    final Access.Caller caller = access.authenticate(appId(ctx), ctx.header("Authorization"),
        ctx.header(Access.PLAYER_TOKEN_HEADER));
    final String eventId = ctx.pathParam("eventId");
    final Route route = queries.route(ProjectionStores.EVENT_OUTCOMES, eventId);
    switch (route) {
      case Route.Remote remote -> forwarder.forward(ctx, remote.owner(), self());
      case Route.Unavailable unavailable -> throw rebalancing(unavailable.reason());
      case Route.Local local -> {
        final EventOutcome outcome = read(() -> queries.<EventOutcome>get(ProjectionStores.EVENT_OUTCOMES,
            local.partition(), eventId));
        final String tokenRef = caller.tokenPlayerRef();
        if (outcome == null || !outcome.appId().equals(caller.app().appId())
            || (tokenRef != null && !tokenRef.equals(outcome.playerRef()))) {
          throw new ProblemException(404, "EVENT_NOT_FOUND", "no outcome of event " + eventId + " in "
              + caller.app().appId());
        }
        answer(ctx, outcome);
      }
    }
  }

  /**
   * {@code GET /instances}: every instance of the projections application with its stores and
   * partitions, as Kafka Streams' metadata knows them.
   */
  public void instances(final Context ctx) {
    answer(ctx, queries.instances());
  }

  /**
   * Authenticates {@code GET /v1/apps/{appId}/players/{playerId}/events/stream} before the stream
   * opens (a {@code before} handler: problems are still plain HTTP answers then).
   */
  public void authenticateStream(final Context ctx) {
    access.playerRef(appId(ctx), playerId(ctx), ctx.header("Authorization"), ctx.header(Access.PLAYER_TOKEN_HEADER));
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/events/stream}: server-sent events, one per applied
   * change of the player from now on: event {@code change} with a {@link HistoryEntry} as data and
   * the version as id, and {@code player.deleted} on erasure. Served by any instance (see
   * {@link ChangeFeed}); 503 {@code STREAMS_DISABLED} when the feed is off.
   */
  public void stream(final SseClient client) {
    final Context ctx = client.ctx();
    if (changes == null) {
      client.sendEvent("error", "server-sent events are disabled on this instance");
      client.close();
      return;
    }
    final String ref = access.playerRef(appId(ctx), playerId(ctx), ctx.header("Authorization"),
        ctx.header(Access.PLAYER_TOKEN_HEADER));
    final String playerKey = CofferTopics.playerKey(appId(ctx), ref);
    client.keepAlive();
    final AutoCloseable subscription = changes.subscribe(playerKey, outcome -> {
      if (client.terminated()) {
        return;
      }
      client.sendEvent(outcome.erasure() ? "player.deleted" : "change", toJson(HistoryEntry.of(outcome)),
          Long.toString(outcome.version()));
    });
    client.onClose(() -> {
      try {
        subscription.close();
      } catch (final Exception e) {
        LOG.warn("closing the change subscription of {} failed", playerKey, e);
      }
    });
    client.sendComment("subscribed");
  }

  /** Reads one view of a player on the owning instance. */
  @FunctionalInterface
  private interface PlayerRead {
    Object read(int partition, String playerKey, PlayerStatus status);
  }

  private void servePlayer(final Context ctx, final boolean erasedReadable, final PlayerRead read) {
    final String appId = appId(ctx);
    final String ref = access.playerRef(appId, playerId(ctx), ctx.header("Authorization"),
        ctx.header(Access.PLAYER_TOKEN_HEADER));
    final String playerKey = CofferTopics.playerKey(appId, ref);
    final long minVersion = minVersion(ctx.queryParam("minVersion"));
    final Route route = queries.route(ProjectionStores.PLAYERS, playerKey);
    switch (route) {
      case Route.Remote remote -> forwarder.forward(ctx, remote.owner(), self());
      case Route.Unavailable unavailable -> throw rebalancing(unavailable.reason());
      case Route.Local local -> {
        final PlayerStatus status = awaitVersion(local.partition(), playerKey, minVersion);
        if (status.erased() && !erasedReadable) {
          throw new ProblemException(404, "PLAYER_ERASED", "the player was erased");
        }
        answer(ctx, read(() -> read.read(local.partition(), playerKey, status)));
      }
    }
  }

  private PlayerStatus awaitVersion(final int partition, final String playerKey, final long minVersion) {
    final PlayerStatus now = status(partition, playerKey);
    if (now.version() >= minVersion || now.erased()) {
      return now;
    }
    final CompletableFuture<PlayerStatus> reached = watch.await(playerKey, minVersion);
    try {
      // Checked again after registering: a write between the first read and the registration counts.
      final PlayerStatus again = status(partition, playerKey);
      if (again.version() >= minVersion || again.erased()) {
        return again;
      }
      reached.get(settings.minVersionWait().toMillis(), TimeUnit.MILLISECONDS);
      return status(partition, playerKey);
    } catch (final TimeoutException e) {
      throw ProblemException.unavailable("VIEW_BEHIND", "the view has not reached version " + minVersion
          + " within " + settings.minVersionWait().toMillis() + " ms", settings.retryAfterSeconds());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("VIEW_BEHIND", "interrupted while waiting for version " + minVersion,
          settings.retryAfterSeconds());
    } catch (final ExecutionException e) {
      throw new IllegalStateException("a version wait failed", e);
    } finally {
      watch.cancel(playerKey, reached);
    }
  }

  private PlayerStatus status(final int partition, final String playerKey) {
    return orElse(read(() -> queries.<PlayerStatus>get(ProjectionStores.PLAYERS, partition, playerKey)),
        PlayerStatus.NEW);
  }

  private HistoryPage page(final int partition, final String playerKey, final long before, final int limit) {
    if (before <= 0) {
      return new HistoryPage(List.of(), null);
    }
    final List<HistoryEntry> entries = queries.reverseRange(ProjectionStores.HISTORY, partition,
        HistoryKeys.first(playerKey), HistoryKeys.key(playerKey, before - 1), limit + 1);
    if (entries.size() <= limit) {
      return new HistoryPage(entries, null);
    }
    final List<HistoryEntry> page = entries.subList(0, limit);
    return new HistoryPage(page, Long.toString(page.get(limit - 1).version()));
  }

  /** Runs a store read; a store that moved away meanwhile is a rebalance, answered 503. */
  private <T> T read(final Supplier<T> storeRead) {
    try {
      return storeRead.get();
    } catch (final InvalidStateStoreException e) {
      throw rebalancing("the store is not queryable here now: " + e.getMessage());
    }
  }

  private ProblemException rebalancing(final String reason) {
    return ProblemException.unavailable("REBALANCING", reason, settings.retryAfterSeconds());
  }

  private HostInfo self() {
    return queries.self().orElseThrow(() -> rebalancing("the instance is starting"));
  }

  private void answer(final Context ctx, final Object body) {
    ctx.contentType("application/json").result(toJson(body));
  }

  private String toJson(final Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static String appId(final Context ctx) {
    return ctx.pathParam("appId");
  }

  private static String playerId(final Context ctx) {
    return ctx.pathParam("playerId");
  }

  static long minVersion(final String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      final long v = Long.parseLong(value.trim());
      if (v < 0) {
        throw new ProblemException(400, "INVALID_MIN_VERSION", "minVersion must not be negative");
      }
      return v;
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, "INVALID_MIN_VERSION", "minVersion must be a whole number");
    }
  }

  static long cursor(final String value) {
    if (value == null || value.isBlank()) {
      return Long.MAX_VALUE;
    }
    try {
      final long v = Long.parseLong(value.trim());
      if (v < 0) {
        throw new ProblemException(400, "INVALID_CURSOR", "not a cursor of this API: " + value);
      }
      return v;
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, "INVALID_CURSOR", "not a cursor of this API: " + value);
    }
  }

  static int limit(final String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PAGE;
    }
    try {
      final int v = Integer.parseInt(value.trim());
      if (v < 1 || v > MAX_PAGE) {
        throw new ProblemException(400, "INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE);
      }
      return v;
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, "INVALID_LIMIT", "limit must be a whole number");
    }
  }

  private static <T> T orElse(final T value, final T fallback) {
    return value != null ? value : fallback;
  }
}

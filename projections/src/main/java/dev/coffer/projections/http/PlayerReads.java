package dev.coffer.projections.http;

import dev.coffer.apps.KeyRole;
import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.export.PlayerExport;
import dev.coffer.projections.webhooks.WebhookSent;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.history.HistoryKeys;
import dev.coffer.projections.history.HistoryPage;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.players.PlayerViews;
import dev.coffer.projections.players.RecentViews;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.Subscription;
import dev.coffer.projections.store.PlayerRows;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.service.outcome.OutcomeJson;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The read endpoints of the projections, under {@code /v1/apps/{appId}}. Every player read is
 * authenticated, routed to the instance that owns the player's key and waits for {@code ?minVersion=N}
 * if asked ({@link PlayerRouting}); an erased player answers 404 {@code PLAYER_ERASED}. A player the
 * read models have never seen reads as empty at version 0.
 */
public final class PlayerReads {
  /** The most ledger entries one page holds. */
  public static final int MAX_PAGE = Paging.MAX_PAGE;

  /**
   * How reads wait and retry.
   *
   * @param minVersionWait the longest a read waits for {@code ?minVersion=N}
   * @param retryAfterSeconds the {@code Retry-After} of every 503
   * @param clock what "now" is when a subscription's status is read (expiry is judged at read time)
   */
  public record Settings(Duration minVersionWait, long retryAfterSeconds, Clock clock) {
    public Settings {
      Objects.requireNonNull(minVersionWait, "minVersionWait");
      Objects.requireNonNull(clock, "clock");
    }

    /** Settings on the system clock. */
    public Settings(final Duration minVersionWait, final long retryAfterSeconds) {
      this(minVersionWait, retryAfterSeconds, Clock.systemUTC());
    }
  }

  private final Access access;
  private final InteractiveQueries queries;
  private final RecentViews recent;
  private final PlayerRouting routing;
  private final JsonReplies replies;
  private final Clock clock;

  PlayerReads(final Access access, final InteractiveQueries queries, final RecentViews recent,
              final PlayerRouting routing, final JsonReplies replies, final Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.access = Objects.requireNonNull(access, "access");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.recent = Objects.requireNonNull(recent, "recent");
    this.routing = Objects.requireNonNull(routing, "routing");
    this.replies = Objects.requireNonNull(replies, "replies");
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/wallet[?minVersion=N]}: the player's balances and
   * debts. 200 {@link Answers.WalletAnswer}; 404 {@code PLAYER_ERASED}; 503 {@code VIEW_BEHIND},
   * {@code REBALANCING} with {@code Retry-After}.
   */
  public void wallet(final Context ctx) {
    routing.servePlayer(ctx, () -> new Answers.WalletAnswer(appId(ctx), playerId(ctx), 0, List.of()),
        (partition, player, views) -> new Answers.RenderedWalletAnswer(appId(ctx), playerId(ctx),
            views.status().version(), recent.rendered(partition, player.playerKey(), views, this::balancesJson)));
  }

  private String balancesJson(final PlayerViews views) {
    return replies.text(views.wallet().balances());
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/inventory[?minVersion=N]}: the item instances the
   * player holds. 200 {@link Answers.InventoryAnswer}; errors as {@link #wallet}.
   */
  public void inventory(final Context ctx) {
    routing.servePlayer(ctx, () -> new Answers.InventoryAnswer(appId(ctx), playerId(ctx), 0, List.of()),
        (partition, player, views) -> new Answers.InventoryAnswer(appId(ctx), playerId(ctx), views.status().version(),
            inventory(partition, player.playerKey())));
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/purchases[?minVersion=N]}: every purchase with its
   * status (subscriptions: ACTIVE, IN_GRACE_PERIOD, IN_BILLING_RETRY, CANCELLED, EXPIRED, REVOKED,
   * PAUSED). 200 {@link Answers.PurchasesAnswer}; errors as {@link #wallet}.
   */
  public void purchases(final Context ctx) {
    final boolean operator = operator(ctx);
    routing.servePlayer(ctx, () -> new Answers.PurchasesAnswer(appId(ctx), playerId(ctx), 0, List.of(), List.of()),
        (partition, player, views) -> {
          final List<Purchase> purchases = purchases(partition, player.playerKey());
          return new Answers.PurchasesAnswer(appId(ctx), playerId(ctx), views.status().version(), operator
              ? purchases.stream().map(p -> PlayerExport.purchase(player, p)).toList() : purchases,
              subscriptions(partition, player.playerKey()));
        });
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/ledger[?cursor=C&limit=L&minVersion=N]}: the
   * player's changes, newest first, each with its causing event and version; {@code limit} 1 to
   * {@value #MAX_PAGE} (default 50). 200 {@link Answers.LedgerAnswer}; 400 {@code INVALID_CURSOR},
   * {@code INVALID_LIMIT}; otherwise as {@link #wallet}.
   */
  public void ledger(final Context ctx) {
    final long before = Paging.cursor(ctx.queryParam("cursor"));
    final int limit = Paging.limit(ctx.queryParam("limit"));
    final boolean operator = operator(ctx);
    routing.servePlayer(ctx, () -> new Answers.LedgerAnswer(appId(ctx), playerId(ctx), 0, List.of(), null),
        (partition, player, views) -> {
          final HistoryPage page = Paging.page(queries, partition, player.playerKey(), before, limit);
          return new Answers.LedgerAnswer(appId(ctx), playerId(ctx), views.status().version(), operator
              ? page.entries().stream().map(e -> PlayerExport.change(player, e)).toList() : page.entries(),
              page.nextCursor());
        });
  }

  /**
   * Whether the caller holds a server key: operators (the console, support tools) see each change's cause and
   * each purchase's store ids opened, as the export shows them; a client key acting for its player does not.
   * A forwarded read carries the caller's key, so the owner that opens them decides the same.
   */
  private boolean operator(final Context ctx) {
    return access.authenticate(appId(ctx), ctx.header("Authorization"), ctx.header(Access.PLAYER_TOKEN_HEADER)).key()
        .role() == KeyRole.SERVER;
  }

  /**
   * {@code GET /v1/apps/{appId}/players/{playerId}/export[?minVersion=N]}: everything Coffer holds on the
   * player (GDPR Article 15): wallet, inventory, purchases with their log and the store's own ids,
   * subscriptions, every change with its cause (reason, source ref, request id, idempotency key), opened
   * with the player's data key, and the latest webhooks sent about it. 200 {@link PlayerExport}; 404
   * {@code PLAYER_NOT_FOUND} for a player Coffer never saw, {@code PLAYER_ERASED} for an erased one; 503 as
   * {@link #wallet}.
   */
  public void export(final Context ctx) {
    routing.servePlayer(ctx, () -> {
      throw new ProblemException(404, "PLAYER_NOT_FOUND", "Coffer holds nothing on this player");
    }, (partition, player, views) -> {
      final String key = player.playerKey();
      final List<HistoryEntry> ledger = new ArrayList<>(queries.<HistoryEntry>reverseRange(ProjectionStores.HISTORY,
          partition, HistoryKeys.first(key), HistoryKeys.last(key), Integer.MAX_VALUE));
      Collections.reverse(ledger);
      return new PlayerExport(appId(ctx), playerId(ctx), player.playerRef(), views.status().version(),
          views.wallet().balances(), inventory(partition, key),
          purchases(partition, key).stream().map(p -> PlayerExport.purchase(player, p)).toList(),
          subscriptions(partition, key), ledger.stream().map(e -> PlayerExport.change(player, e)).toList(),
          queries.<WebhookSent>range(ProjectionStores.WEBHOOKS_SENT, partition, PlayerRows.first(key),
              PlayerRows.last(key), Integer.MAX_VALUE));
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/events/{eventId}}: what the ledger did with an event (APPLIED,
   * DUPLICATE or REJECTED, with its reason, version and changes), routed to the owner of the
   * eventId. A client key sees only events of the player its token names. 200 {@link OutcomeJson} (the
   * JSON the gateway answers writes with);
   * 404 {@code EVENT_NOT_FOUND} (unknown, not processed yet, of another app, or erased); 503
   * {@code REBALANCING}.
   */
  public void event(final Context ctx) {
    final Access.Caller caller = access.authenticate(appId(ctx), ctx.header("Authorization"),
        ctx.header(Access.PLAYER_TOKEN_HEADER));
    final String eventId = ctx.pathParam("eventId");
    routing.serve(ctx, ProjectionStores.EVENT_OUTCOMES, eventId, partition -> {
      final OutcomeJson outcome = queries.get(ProjectionStores.EVENT_OUTCOMES, partition, eventId);
      final String tokenRef = access.tokenPlayerRef(caller);
      if (outcome == null || !outcome.appId().equals(caller.app().appId())
          || (tokenRef != null && !tokenRef.equals(outcome.playerRef()))) {
        throw new ProblemException(404, "EVENT_NOT_FOUND", "no outcome of event " + eventId + " in "
            + caller.app().appId());
      }
      return outcome;
    });
  }

  /**
   * {@code GET /instances}: every instance of the projections application with its stores and
   * partitions, as Kafka Streams' metadata knows them.
   */
  public void instances(final Context ctx) {
    replies.answer(ctx, queries.instances());
  }

  /** The held instances, oldest first: one range of rows, bounded by the ledger's cap on active instances. */
  private List<Instance> inventory(final int partition, final String key) {
    final List<Instance> rows = new ArrayList<>(queries.<Instance>range(ProjectionStores.INVENTORIES, partition,
        PlayerRows.first(key), PlayerRows.last(key), Integer.MAX_VALUE));
    rows.sort(Comparator.comparing(Instance::acquiredAt).thenComparing(Instance::instanceId));
    return rows;
  }

  private List<Purchase> purchases(final int partition, final String key) {
    final List<Purchase> rows = new ArrayList<>(queries.<Purchase>range(ProjectionStores.PURCHASES, partition,
        PlayerRows.first(key), PlayerRows.last(key), Integer.MAX_VALUE));
    rows.sort(Comparator.comparing(Purchase::purchasedAt).thenComparing(Purchase::transactionId));
    return rows;
  }

  private List<Answers.SubscriptionView> subscriptions(final int partition, final String key) {
    final Instant now = clock.instant();
    return queries.<Subscription>range(ProjectionStores.SUBSCRIPTIONS, partition, PlayerRows.first(key),
        PlayerRows.last(key), Integer.MAX_VALUE).stream()
        .sorted(Comparator.comparing(Subscription::since).thenComparing(Subscription::originalTransactionId))
        .map(s -> Answers.SubscriptionView.of(s, now)).toList();
  }

  private static String appId(final Context ctx) {
    return ctx.pathParam("appId");
  }

  private static String playerId(final Context ctx) {
    return ctx.pathParam("playerId");
  }
}

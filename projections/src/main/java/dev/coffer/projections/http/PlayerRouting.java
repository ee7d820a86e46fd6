package dev.coffer.projections.http;

import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.players.PlayerViews;
import dev.coffer.projections.players.RecentViews;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.query.Route;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.directory.PlayerIdentity;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a read is served: authenticated ({@link Access}), routed to the instance that owns the key
 * (forwarded there by the {@link Forwarder} otherwise), and on the owner, after the version wait
 * ({@link VersionWait}), run against the stores; a store that moved away meanwhile is a rebalance,
 * answered 503 {@code REBALANCING}.
 */
final class PlayerRouting {
  /** Reads one view of a player on the owning instance. */
  @FunctionalInterface
  interface PlayerRead {
    Object read(int partition, PlayerIdentity player, PlayerViews views);
  }

  /** Reads what the key's owner holds; returns the answer. */
  @FunctionalInterface
  interface LocalRead {
    Object read(int partition);
  }

  private final Access access;
  private final InteractiveQueries queries;
  private final RecentViews recent;
  private final Forwarder forwarder;
  private final VersionWait versions;
  private final JsonReplies replies;
  private final long retryAfterSeconds;

  PlayerRouting(final Access access, final InteractiveQueries queries, final RecentViews recent,
                final Forwarder forwarder, final VersionWait versions, final JsonReplies replies,
                final long retryAfterSeconds) {
    this.access = Objects.requireNonNull(access, "access");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.recent = Objects.requireNonNull(recent, "recent");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.versions = Objects.requireNonNull(versions, "versions");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * Serves a read of the player of the path, found in the player directory: a player the directory never
   * saw is answered {@code neverSeen} at once (there is nothing to route to; with {@code ?minVersion} above 0,
   * 503 {@code VIEW_BEHIND}); an erased player 404 {@code PLAYER_ERASED}; 503 {@code VIEW_BEHIND},
   * {@code REBALANCING}, {@code DIRECTORY_UNAVAILABLE}.
   */
  void servePlayer(final Context ctx, final Supplier<Object> neverSeen, final PlayerRead read) {
    final PlayerIdentity player = access.player(ctx.pathParam("appId"), ctx.pathParam("playerId"),
        ctx.header("Authorization"), ctx.header(Access.PLAYER_TOKEN_HEADER));
    final long minVersion = Paging.minVersion(ctx.queryParam("minVersion"));
    switch (player.state()) {
      case ABSENT -> {
        if (minVersion > 0) {
          throw ProblemException.unavailable("VIEW_BEHIND", "the player has no version " + minVersion
              + " yet (Coffer has not seen it)", retryAfterSeconds);
        }
        replies.answer(ctx, neverSeen.get());
      }
      case ERASED -> throw erased();
      case ACTIVE -> {
        final String playerKey = player.playerKey();
        serve(ctx, ProjectionStores.PLAYERS, playerKey, partition -> {
          final PlayerViews views = versions.await(minVersion, () -> views(partition, playerKey), playerKey);
          if (views.status().erased()) {
            throw erased();
          }
          return read.read(partition, player, views);
        });
      }
    }
  }

  private static ProblemException erased() {
    return new ProblemException(404, "PLAYER_ERASED", "the player was erased");
  }

  /** Serves a read of {@code key} of {@code store}: forwarded to its owner, or read here. */
  void serve(final Context ctx, final String store, final String key, final LocalRead read) {
    switch (queries.route(store, key)) {
      case Route.Remote remote -> forwarder.forward(ctx, remote.owner(), self());
      case Route.Unavailable unavailable -> throw rebalancing(unavailable.reason());
      case Route.Local local -> replies.answer(ctx, storeRead(() -> read.read(local.partition())));
    }
  }

  /** The player's views: as the task of its partition last wrote them here, else from the store. */
  private PlayerViews views(final int partition, final String playerKey) {
    final PlayerViews written = recent.get(partition, playerKey);
    if (written != null) {
      return written;
    }
    final PlayerViews views = storeRead(() -> queries.<PlayerViews>get(ProjectionStores.PLAYERS, partition,
        playerKey));
    return views != null ? views : PlayerViews.NEW;
  }

  /** Runs a store read; a store that moved away meanwhile is a rebalance, answered 503. */
  <T> T storeRead(final Supplier<T> storeRead) {
    try {
      return storeRead.get();
    } catch (final InvalidStateStoreException e) {
      throw rebalancing("the store is not queryable here now: " + e.getMessage());
    }
  }

  private ProblemException rebalancing(final String reason) {
    return ProblemException.unavailable("REBALANCING", reason, retryAfterSeconds);
  }

  private HostInfo self() {
    return queries.self().orElseThrow(() -> rebalancing("the instance is starting"));
  }
}

package dev.coffer.projections.http;

import dev.coffer.projections.changes.ChangeFeed;
import dev.coffer.projections.changes.ChangeStream;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.outcomes.EventOutcome;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.problem.ProblemJson;
import dev.coffer.service.directory.PlayerIdentity;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/apps/{appId}/players/{playerId}/events/stream}: server-sent events, one per applied
 * change of the player from now on: event {@code change} with a {@link HistoryEntry} as data and the
 * version as id, {@code player.deleted} on erasure, and {@code error} with a problem body (code
 * {@code SLOW_CONSUMER}) when the client reads too slowly and the stream is dropped. Served by any
 * instance ({@link ChangeFeed}); 429 {@code TOO_MANY_STREAMS} when the app holds as many streams as it
 * may on this instance; 503 {@code STREAMS_DISABLED} when the feed is off.
 */
final class EventStreams {
  private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
  private final Access access;
  private final ChangeFeed changes;
  private final JsonReplies replies;

  /**
   * @param access authentication
   * @param changes the live change feed, or {@code null} when server-sent events are off
   * @param replies JSON writing
   */
  EventStreams(final Access access, final ChangeFeed changes, final JsonReplies replies) {
    this.access = access;
    this.changes = changes;
    this.replies = replies;
  }

  /** Checks the request before the stream opens, while a problem is still a plain HTTP answer. */
  void admit(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    player(ctx);
    if (changes == null) {
      throw ProblemException.unavailable("STREAMS_DISABLED", "server-sent events are off on this instance", 60);
    }
    if (changes.full(appId)) {
      throw new ProblemException(429, "TOO_MANY_STREAMS", "app " + appId
          + " holds as many event streams as it may on this instance; close one or reconnect later", 5);
    }
  }

  /** The stream's player: made in the directory if never seen (its first change is then followed). */
  private PlayerIdentity player(final Context ctx) {
    final PlayerIdentity player = access.player(ctx.pathParam("appId"), ctx.pathParam("playerId"),
        ctx.header("Authorization"), ctx.header(Access.PLAYER_TOKEN_HEADER), true);
    if (!player.active()) {
      throw new ProblemException(404, "PLAYER_ERASED", "the player was erased");
    }
    return player;
  }

  /** Opens the stream (after {@link #admit}). */
  void stream(final SseClient client) {
    final Context ctx = client.ctx();
    final String appId = ctx.pathParam("appId");
    final PlayerIdentity player = player(ctx);
    client.keepAlive();
    final Optional<ChangeStream> stream = changes.subscribe(appId, player.playerKey(), new Sink(client));
    if (stream.isEmpty()) {
      // Another stream took the last place between admit and here.
      new Sink(client).fail("TOO_MANY_STREAMS", "app " + appId + " holds as many event streams as it may");
      return;
    }
    client.onClose(stream.get()::close);
    client.sendComment("subscribed");
  }

  /** A stream's connection. */
  private final class Sink implements ChangeStream.Sink {
    private final SseClient client;

    Sink(final SseClient client) {
      this.client = client;
    }

    @Override
    public void send(final EventOutcome change) {
      client.sendEvent(change.erasure() ? "player.deleted" : "change", replies.text(HistoryEntry.of(change)),
          Long.toString(change.version()));
    }

    @Override
    public void fail(final String code, final String detail) {
      client.sendEvent("error", ProblemJson.node(429, code, detail, client.ctx().path()).toString());
      client.close();
    }

    @Override
    public void heartbeat() {
      client.sendComment("keep-alive");
    }

    @Override
    public void cut() {
      try {
        ServletContextRequest.getServletContextRequest(client.ctx().req()).getConnectionMetaData().getConnection()
            .getEndPoint().close();
      } catch (final RuntimeException e) {
        LOG.warn("Cutting a dropped stream's connection failed; closing it instead", e);
      }
      client.close();
    }

    @Override
    public boolean closed() {
      return client.terminated();
    }
  }

}

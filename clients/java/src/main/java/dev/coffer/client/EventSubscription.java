package dev.coffer.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.client.model.LedgerEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running subscription to one player's changes ({@code GET .../players/{playerId}/events/stream}), made
 * by {@link Reads#subscribe}. A thread of its own reads the stream, delivers changes to the
 * {@link StreamListener} in version order without gaps or repeats (see {@link StreamOptions}), and
 * reconnects with backoff when the connection drops, the server drops a slow reader ({@code SLOW_CONSUMER}),
 * or nothing arrives for {@link StreamOptions#idleTimeout()}. It sends {@code Last-Event-ID} (the last
 * version delivered) on reconnection, and reads what it missed from the ledger, whether or not the server
 * resumes from it. A refusal that retrying cannot fix (401, 403, 404) ends it.
 */
public final class EventSubscription implements AutoCloseable {
  private final Transport transport;
  private final URI uri;
  private final StreamOptions options;
  private final StreamListener listener;
  private final ChangeOrder order;
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final Thread thread;
  private final ScheduledExecutorService watchdog;
  private volatile boolean closed;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean idle;
  private volatile boolean reading;
  private volatile Long serverRetryMillis;

  private EventSubscription(final Transport transport, final Reads reads, final String app, final String playerId,
                            final StreamOptions options, final StreamListener listener) {
    this.transport = transport;
    this.uri = URI.create(transport.base(Transport.Service.PROJECTIONS) + app + "/players/"
        + Transport.segment(playerId) + "/events/stream");
    this.options = options;
    this.listener = listener;
    this.order = new ChangeOrder(reads, playerId, listener,
        options.afterVersion() == null ? -1 : options.afterVersion());
    this.thread = new Thread(this::run, "coffer-events-" + playerId);
    this.thread.setDaemon(true);
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "coffer-events-watchdog-" + playerId);
      t.setDaemon(true);
      return t;
    });
  }

  static EventSubscription start(final Transport transport, final Reads reads, final String app,
                                 final String playerId, final StreamOptions options, final StreamListener listener) {
    final EventSubscription s = new EventSubscription(transport, reads, app, playerId, options, listener);
    final long period = Math.max(50, options.idleTimeout().toMillis() / 4);
    s.watchdog.scheduleAtFixedRate(s::checkIdle, period, period, TimeUnit.MILLISECONDS);
    s.thread.start();
    return s;
  }

  /**
   * Waits until the subscription is first live (subscribed and caught up).
   *
   * @return whether it was within {@code timeout}
   * @throws InterruptedException if interrupted
   */
  public boolean awaitSubscribed(final Duration timeout) throws InterruptedException {
    return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The last version delivered (or started after), -1 before any. */
  public long lastVersion() {
    return order.lastVersion();
  }

  /** Whether it still runs. */
  public boolean isOpen() {
    return thread.isAlive();
  }

  /** Stops it: the connection is closed and {@link StreamListener#onClosed} called with {@code null}. */
  @Override
  public void close() {
    closed = true;
    watchdog.shutdownNow();
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Duration delay = options.initialReconnect();
    Throwable failure = null;
    while (!closed) {
      Exception cause;
      try {
        if (connect()) {
          delay = options.initialReconnect();
        }
        cause = new IOException("the server ended the stream");
      } catch (final ChangeOrder.ListenerFailed e) {
        failure = e.getCause();
        break;
      } catch (final ProblemException e) {
        if (!(e instanceof UnavailableException) && e.status() != 429 && e.status() != 503) {
          failure = e;
          break;
        }
        cause = e;
      } catch (final IOException | TransportException | StreamError | InterruptedException e) {
        cause = idle ? new IOException("no data for " + options.idleTimeout().toMillis() + " ms", e) : e;
      }
      if (closed) {
        break;
      }
      Thread.interrupted();
      final Duration wait = nextWait(delay, cause);
      delay = min(delay.multipliedBy(2), options.maxReconnect());
      try {
        listener.onDisconnected(cause, wait);
        Thread.sleep(wait.toMillis());
      } catch (final InterruptedException e) {
        // close() or the watchdog: the loop decides.
      } catch (final RuntimeException e) {
        failure = e;
        break;
      }
    }
    watchdog.shutdownNow();
    listener.onClosed(failure);
  }

  /**
   * One connection, read to its end.
   *
   * @return whether it got as far as being subscribed (a healthy connection resets the backoff)
   */
  private boolean connect() throws IOException, InterruptedException {
    final HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
        .header("Authorization", transport.authorization())
        .header("Accept", "text/event-stream")
        .header("Cache-Control", "no-cache")
        .header("User-Agent", Transport.USER_AGENT);
    if (transport.playerToken() != null) {
      b.header("X-Player-Token", transport.playerToken());
    }
    if (order.lastVersion() >= 0) {
      b.header("Last-Event-ID", Long.toString(order.lastVersion()));
    }
    idle = false;
    lastActivity = System.nanoTime();
    reading = true;
    try {
      return read(b.build());
    } finally {
      reading = false;
    }
  }

  private boolean read(final HttpRequest request) throws IOException, InterruptedException {
    final HttpResponse<InputStream> response = transport.http().send(request,
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw Problem.of(response.statusCode(), response.headers(), in.readAllBytes(), transport.json)
            .exception(null);
      }
      final boolean[] live = {false};
      final SseParser parser = new SseParser(new SseParser.Sink() {
        @Override
        public void event(final SseParser.Event event) {
          handle(event);
        }

        @Override
        public void comment(final String text) {
          if ("subscribed".equals(text) && !live[0]) {
            order.catchUp();
            live[0] = true;
            subscribed.countDown();
            listener.onSubscribed();
          }
        }

        @Override
        public void retry(final long millis) {
          serverRetryMillis = millis;
        }
      });
      final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null && !closed; line = reader.readLine()) {
        lastActivity = System.nanoTime();
        parser.line(line);
        lastActivity = System.nanoTime();
      }
      if (idle) {
        throw new IOException("the stream went silent");
      }
      return live[0];
    }
  }

  private void handle(final SseParser.Event event) {
    switch (event.type()) {
      case "change", "player.deleted" -> order.offer(entry(event.data()));
      case "error" -> {
        // The server ends the stream after saying why (SLOW_CONSUMER): reconnect and catch up.
        final JsonNode problem = transport.json.treeOrEmpty(event.data().getBytes(StandardCharsets.UTF_8));
        throw new StreamError(problem.path("code").asText("ERROR") + ": " + problem.path("detail").asText(""));
      }
      default -> {
        // Events of kinds this SDK does not know are skipped.
      }
    }
  }

  private LedgerEntry entry(final String data) {
    try {
      return transport.json.parse(data, LedgerEntry.class);
    } catch (final IOException e) {
      throw new StreamError("a change that is not a ledger entry: " + e.getMessage());
    }
  }

  private Duration nextWait(final Duration backoff, final Exception cause) {
    if (cause instanceof ProblemException p && p.retryAfter().isPresent()) {
      return p.retryAfter().get();
    }
    final Long server = serverRetryMillis;
    return server != null ? Duration.ofMillis(server) : backoff;
  }

  private void checkIdle() {
    if (reading && System.nanoTime() - lastActivity > options.idleTimeout().toNanos()) {
      idle = true;
      lastActivity = System.nanoTime();
      thread.interrupt();
    }
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The server said why it ends the stream, or sent what is not a change: reconnect. */
  private static final class StreamError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StreamError(final String message) {
      super(message);
    }
  }
}

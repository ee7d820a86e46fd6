package dev.coffer.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.client.LocalServer.Reply;
import dev.coffer.client.model.LedgerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-sent events over real HTTP: changes delivered once and in order across reconnections, gaps read
 * back from the ledger, Last-Event-ID sent, SLOW_CONSUMER and a dropped connection survived, 401 final.
 */
@Timeout(30)
class EventSubscriptionTest {
  private static final String STREAM = "/v1/apps/demo/players/alice/events/stream";
  private static final String LEDGER = "/v1/apps/demo/players/alice/ledger";

  @Test
  void changesArriveOnceInOrderAcrossReconnectionsWithGapsFilledFromTheLedger() throws Exception {
    try (LocalServer server = new LocalServer()) {
      server.then(LEDGER, Reply.json(200, page(1)))
          .stream(STREAM, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            LocalServer.send(exchange, ": subscribed\n\nevent: change\nid: 2\ndata: " + Fixtures.entry(2) + "\n\n");
          })
          .then(LEDGER, Reply.json(200, page(2, 1)))
          .then(LEDGER, Reply.json(200, page(4, 3, 2)))
          .stream(STREAM, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            LocalServer.send(exchange, ": subscribed\n\n: keep-alive\n\nevent: change\nid: 5\ndata: "
                + Fixtures.entry(5)
                + "\n\nevent: change\nid: 5\ndata: " + Fixtures.entry(5) + "\n\nevent: unknown-kind\ndata: x\n\n"
                + "event: error\ndata: {\"code\":\"SLOW_CONSUMER\",\"detail\":\"too slow\"}\n\n");
          })
          .then(STREAM, Reply.problem(401, "UNAUTHENTICATED", ""));
      final Recorder recorder = new Recorder();

      try (EventSubscription subscription = Fixtures.client(server.uri()).reads().subscribe("alice",
          StreamOptions.after(0).withReconnect(Duration.ofMillis(20), Duration.ofMillis(100)), recorder)) {
        final Throwable failure = recorder.closed.get(20, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
            e -> assertThat(e.code()).isEqualTo("UNAUTHENTICATED"));
        assertThat(recorder.versions()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(subscription.lastVersion()).isEqualTo(5);
        assertThat(recorder.disconnects).hasSize(2);
        assertThat(recorder.disconnects.get(1)).contains("SLOW_CONSUMER");
      }
      final List<LocalServer.Received> streams = server.received(STREAM);
      assertThat(streams).hasSize(3);
      assertThat(streams.get(0).header("Last-Event-ID")).isEqualTo("0");
      assertThat(streams.get(1).header("Last-Event-ID")).isEqualTo("2");
      assertThat(streams.get(2).header("Last-Event-ID")).isEqualTo("5");
      assertThat(streams).allSatisfy(r -> assertThat(r.header("Accept")).isEqualTo("text/event-stream"));
      assertThat(server.received(LEDGER)).extracting(LocalServer.Received::pathAndQuery)
          .containsExactly(LEDGER + "?limit=500", LEDGER + "?limit=500", LEDGER + "?limit=500&cursor=5&minVersion=4");
    }
  }

  @Test
  void fromNowStartsAtTheViewsVersionAndASilentConnectionIsReplaced() throws Exception {
    try (LocalServer server = new LocalServer()) {
      server.then(LEDGER, Reply.json(200, page(9)))
          .stream(STREAM, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            LocalServer.send(exchange, ": subscribed\n\n");
            try {
              Thread.sleep(3_000);
            } catch (final InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          })
          .then(LEDGER, Reply.json(200, page(10, 9)))
          .stream(STREAM, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            LocalServer.send(exchange, ": subscribed\n\nevent: change\nid: 11\ndata: " + Fixtures.entry(11) + "\n\n");
          })
          .then(STREAM, Reply.problem(403, "FORBIDDEN", ""));
      final Recorder recorder = new Recorder();

      try (EventSubscription subscription = Fixtures.client(server.uri()).reads().subscribe("alice",
          StreamOptions.fromNow().withReconnect(Duration.ofMillis(20), Duration.ofMillis(100))
              .withIdleTimeout(Duration.ofMillis(400)), recorder)) {
        assertThat(subscription.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
        recorder.closed.get(20, TimeUnit.SECONDS);
      }
      assertThat(recorder.versions()).as("10 happened while the first connection was silent").containsExactly(10L, 11L);
      assertThat(recorder.disconnects.get(0)).contains("no data for 400 ms");
    }
  }

  @Test
  void theParserFollowsTheEventStreamFormat() {
    final List<SseParser.Event> events = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    final long[] retry = {0};
    final SseParser parser = new SseParser(new SseParser.Sink() {
      @Override
      public void event(final SseParser.Event event) {
        events.add(event);
      }

      @Override
      public void comment(final String text) {
        comments.add(text);
      }

      @Override
      public void retry(final long millis) {
        retry[0] = millis;
      }
    });
    for (final String line : List.of(": hello", "event: change", "id: 3", "data: {\"a\":", "data:1}", "", "retry: 2500",
        "data", "", "event: nodata", "", "id: 4", "data: x", "")) {
      parser.line(line);
    }
    assertThat(comments).containsExactly("hello");
    assertThat(retry[0]).isEqualTo(2500);
    assertThat(events).containsExactly(new SseParser.Event("change", "{\"a\":\n1}", "3"),
        new SseParser.Event("message", "", "3"), new SseParser.Event("message", "x", "4"));
    assertThat(parser.lastId()).isEqualTo("4");
  }

  private static String page(final long... versions) {
    final StringBuilder entries = new StringBuilder();
    for (final long v : versions) {
      entries.append(entries.length() == 0 ? "" : ",").append(Fixtures.entry(v));
    }
    return "{\"version\":" + versions[0] + ",\"entries\":[" + entries + "],\"nextCursor\":null}";
  }

  /** Records what the subscription calls. */
  private static final class Recorder implements StreamListener {
    final List<LedgerEntry> changes = Collections.synchronizedList(new ArrayList<>());
    final List<String> disconnects = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    @Override
    public void onChange(final LedgerEntry change) {
      changes.add(change);
    }

    @Override
    public void onDisconnected(final Exception cause, final Duration retryIn) {
      disconnects.add(String.valueOf(cause.getMessage()));
    }

    @Override
    public void onClosed(final Throwable failure) {
      closed.complete(failure);
    }

    List<Long> versions() {
      return changes.stream().map(LedgerEntry::version).toList();
    }
  }
}

package dev.coffer.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port (the JDK's), answering each request with the next scripted
 * reply for its path, and recording every request: the SDK is tested over real HTTP, nothing of it mocked.
 */
final class LocalServer implements AutoCloseable {
  /** A request as received. */
  record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    String header(final String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  /** A reply: status, headers (name, value, ...), body. */
  record Reply(int status, List<String> headers, String body) {
    static Reply json(final int status, final String body, final String... headers) {
      final List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
      all.addAll(List.of(headers));
      return new Reply(status, all, body);
    }

    static Reply problem(final int status, final String code, final String extra, final String... headers) {
      final List<String> all = new ArrayList<>(List.of("Content-Type", "application/problem+json"));
      all.addAll(List.of(headers));
      return new Reply(status, all, "{\"type\":\"https://coffer.dev/problems/x\",\"title\":\"T\",\"status\":" + status
          + ",\"code\":\"" + code + "\",\"detail\":\"detail of " + code + "\"" + extra + "}");
    }
  }

  /** Streams a reply itself (server-sent events). */
  interface Streamer {
    void stream(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ConcurrentLinkedDeque<Function<Received, Reply>>> scripts =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedDeque<Streamer>> streams = new java.util.concurrent.ConcurrentHashMap<>();

  LocalServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      final Thread t = new Thread(r, "local-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next request to {@code path} (without query) with {@code reply}. */
  LocalServer then(final String path, final Reply reply) {
    return then(path, r -> reply);
  }

  /** Answers the next request to {@code path} with what {@code reply} makes of it. */
  LocalServer then(final String path, final Function<Received, Reply> reply) {
    scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(reply);
    return this;
  }

  /** Streams the next request to {@code path}. */
  LocalServer stream(final String path, final Streamer streamer) {
    streams.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(streamer);
    return this;
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  List<Received> received(final String path) {
    return received().stream().filter(r -> r.pathAndQuery().split("\\?")[0].equals(path)).toList();
  }

  private void handle(final HttpExchange exchange) throws IOException {
    final String path = exchange.getRequestURI().getRawPath();
    final String query = exchange.getRequestURI().getRawQuery();
    final Received request = new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
        Map.copyOf(exchange.getRequestHeaders()),
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    received.add(request);
    final ConcurrentLinkedDeque<Streamer> streamers = streams.get(path);
    final Streamer streamer = streamers == null ? null : streamers.poll();
    if (streamer != null) {
      try (exchange) {
        streamer.stream(exchange);
      }
      return;
    }
    final ConcurrentLinkedDeque<Function<Received, Reply>> script = scripts.get(path);
    final Function<Received, Reply> next = script == null ? null : script.poll();
    final Reply reply = next == null ? Reply.problem(404, "NOT_FOUND", "") : next.apply(request);
    for (int i = 0; i + 1 < reply.headers().size(); i += 2) {
      exchange.getResponseHeaders().add(reply.headers().get(i), reply.headers().get(i + 1));
    }
    final byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Writes server-sent event text and flushes it. */
  static void send(final HttpExchange exchange, final String text) throws IOException {
    exchange.getResponseBody().write(text.getBytes(StandardCharsets.UTF_8));
    exchange.getResponseBody().flush();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

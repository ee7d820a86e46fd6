package dev.coffer.gateway.receipts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The plumbing the local store API fakes share: a JSON server on a free loopback port, the problems it found in
 * the requests, and a failure to answer the next call with. What each store answers stays in its own fake.
 */
public abstract class StoreApiFake implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String contentType;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private volatile int failNextWith;

  /** A server on a free loopback port, not listening yet, replying with {@code contentType}. */
  protected StoreApiFake(final String contentType) {
    this.contentType = contentType;
    try {
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves each handler under its path prefix and starts listening. */
  protected final void listen(final Map<String, HttpHandler> handlers) {
    handlers.forEach(server::createContext);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  protected final String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next API call with this HTTP status (and the store's error JSON). */
  public final void failNextWith(final int status) {
    failNextWith = status;
  }

  /** The status {@link #failNextWith} asked for, once (0 when none). */
  protected final int takeFailure() {
    final int fail = failNextWith;
    failNextWith = 0;
    return fail;
  }

  /** What the fake found wrong in the requests it got (a well-behaved client leaves it empty). */
  public final List<String> problems() {
    return List.copyOf(problems);
  }

  protected final void problem(final String problem) {
    problems.add(problem);
  }

  /** Sends {@code body} as JSON with {@code status}. */
  protected final void reply(final HttpExchange exchange, final int status, final Object body) throws IOException {
    final byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** The parameters of a query string or form body, decoded ({@code ""} for one without a value). */
  protected static Map<String, String> query(final String raw) {
    final Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (final String pair : raw.split("&")) {
      final int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** {@code key} as a PKCS#8 PEM, the way the stores hand out API keys. */
  protected static String pem(final PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

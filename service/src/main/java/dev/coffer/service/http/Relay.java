package dev.coffer.service.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers a request with another server's answer to the same GET: some of the request's headers go along,
 * and the other server's status, body and some of its headers come back as they are. Projections use it to
 * forward a read to the instance that owns the key; the gateway to serve an event's outcome from projections.
 */
public final class Relay {
  private final HttpClient client;
  private final Duration timeout;

  /** The other server could not be asked, or did not answer in time: nothing was relayed. */
  public static final class UnreachableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean timedOut;

    UnreachableException(final String message, final boolean timedOut, final Throwable cause) {
      super(message, cause);
      this.timedOut = timedOut;
    }

    /** Whether the other server took longer than the timeout (rather than refusing or failing the connection). */
    public boolean timedOut() {
      return timedOut;
    }
  }

  /**
   * @param timeout the longest a relayed request may take
   */
  public Relay(final Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The longest a relayed request may take. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Sends {@code GET target} and answers {@code ctx} with what comes back.
   *
   * @param ctx the request being answered
   * @param target the other server's URI for it
   * @param passed the request's headers that go along, if present
   * @param added further request headers
   * @param relayed the response's headers that come back, if present
   * @throws UnreachableException when the other server cannot be asked or does not answer in time
   */
  public void get(final Context ctx, final URI target, final List<String> passed, final Map<String, String> added,
                  final List<String> relayed) throws UnreachableException {
    final HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).GET();
    for (final String name : passed) {
      final String value = ctx.header(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    added.forEach(request::header);
    final HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (final HttpTimeoutException e) {
      throw new UnreachableException(target.getHost() + ":" + target.getPort() + " did not answer within "
          + timeout.toMillis() + " ms", true, e);
    } catch (final IOException e) {
      throw new UnreachableException(target.getHost() + ":" + target.getPort() + " cannot be reached: "
          + e.getMessage(), false, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted while asking " + target.getHost() + ":" + target.getPort(), false,
          e);
    }
    ctx.status(response.statusCode());
    for (final String name : relayed) {
      response.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
    }
    ctx.result(response.body());
  }
}

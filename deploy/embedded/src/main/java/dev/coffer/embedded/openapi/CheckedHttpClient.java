package dev.coffer.embedded.openapi;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that holds every response it receives to its service's OpenAPI document
 * ({@link OpenApiContract#check}) and throws an {@link AssertionError} naming every broken promise. Bodies
 * read as text or bytes are checked against their schema; streamed bodies (server-sent events) have their
 * status and content type checked. Built by {@link OpenApiContract#client(HttpClient)}.
 */
public final class CheckedHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final Function<URI, OpenApiContract> contracts;

  /**
   * @param delegate the client that sends the requests
   * @param contracts the document of the service a request goes to (by its URI), e.g. by port
   */
  public CheckedHttpClient(final HttpClient delegate, final Function<URI, OpenApiContract> contracts) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.contracts = Objects.requireNonNull(contracts, "contracts");
  }

  @Override
  public <T> HttpResponse<T> send(final HttpRequest request, final HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return checked(request, delegate.send(request, handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(final HttpRequest request,
                                                          final HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, handler).thenApply(response -> checked(request, response));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(final HttpRequest request,
                                                          final HttpResponse.BodyHandler<T> handler,
                                                          final HttpResponse.PushPromiseHandler<T> push) {
    return delegate.sendAsync(request, handler, push).thenApply(response -> checked(request, response));
  }

  private <T> HttpResponse<T> checked(final HttpRequest request, final HttpResponse<T> response) {
    final OpenApiContract contract = contracts.apply(request.uri());
    if (contract == null) {
      return response;
    }
    final String body = switch (response.body()) {
      case String text -> text;
      case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
      case null, default -> null;
    };
    final List<String> violations = contract.check(request.method(), request.uri(), response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null), body);
    if (!violations.isEmpty()) {
      throw new AssertionError("the answer breaks " + contract.name() + ":\n  " + String.join("\n  ", violations));
    }
    return response;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public void shutdownNow() {
    delegate.shutdownNow();
  }

  @Override
  public boolean awaitTermination(final Duration duration) throws InterruptedException {
    return delegate.awaitTermination(duration);
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

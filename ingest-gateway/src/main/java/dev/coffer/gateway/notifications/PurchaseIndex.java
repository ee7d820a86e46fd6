package dev.coffer.gateway.notifications;

import dev.coffer.service.json.PooledJson;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.service.purchases.IndexedPurchase;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which player a store purchase belongs to, for store notifications (which name a transaction, never
 * a player), by {@code (appId, store, id)}: the id is a transaction id, a purchase token or a
 * subscription's original transaction id (renewals share it).
 *
 * <p>The ledger writes every applied purchase to the compacted {@code coffer.purchase-index}, which
 * never expires; projections materialise it sharded across their instances, and this client asks
 * projections ({@code projections.url}) by key, over HTTP with the internal token. Nothing is loaded
 * at start and nothing is held in the gateway's heap, so start-up and memory do not grow with history.
 * A lookup that cannot be answered now (projections down or rebalancing) is a 503
 * {@code PURCHASE_INDEX_UNAVAILABLE}: the store retries its notification.
 */
public final class PurchaseIndex {
  /**
   * A recorded purchase.
   *
   * @param playerRef its player
   * @param transactionId its transaction's store ref
   * @param productId Coffer's product id
   * @param quantity how many units were bought
   */
  public record Purchase(String playerRef, String transactionId, String productId, long quantity) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(PurchaseIndex.class);
  private static final ObjectMapper JSON = PooledJson.mapper();
  private static final long RETRY_AFTER_SECONDS = 5;

  private final GatewayConfig.Projections projections;
  private final HttpClient client;
  private final Apps apps;

  /**
   * @param projections where projections are, or {@code null} when {@code projections.url} is not set:
   *     every lookup then answers 503
   * @param apps the apps (a store id is looked up by its store ref)
   */
  public PurchaseIndex(final GatewayConfig.Projections projections, final Apps apps) {
    this.projections = projections;
    this.apps = apps;
    this.client = projections == null ? null : HttpClient.newBuilder().connectTimeout(projections.timeout())
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * The purchase of {@code transactionIdOrToken} in {@code store}, if the ledger has applied it. The index
   * names purchases by store ref (what the ledger's events carry), so the id is looked up by its ref; the
   * purchase found names its transaction by ref too.
   *
   * @throws ProblemException 503 {@code PURCHASE_INDEX_UNAVAILABLE} when projections cannot answer now
   */
  public Optional<Purchase> find(final String appId, final Store store, final String transactionIdOrToken) {
    if (transactionIdOrToken == null || transactionIdOrToken.isBlank()) {
      return Optional.empty();
    }
    if (projections == null) {
      throw unavailable("projections.url is not configured, so recorded purchases cannot be looked up", null);
    }
    final Optional<App> app = apps.find(appId);
    if (app.isEmpty()) {
      return Optional.empty();
    }
    final String ref = app.get().pseudonyms().storeRef(store, transactionIdOrToken);
    final URI uri = URI.create(stripSlash(projections.url().toString()) + IndexedPurchase.path(appId, store,
        URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20")));
    final HttpRequest request = HttpRequest.newBuilder(uri).timeout(projections.timeout()).GET()
        .header("Authorization", projections.token().header()).header("Accept", "application/json").build();
    final HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (final IOException e) {
      throw unavailable("projections at " + projections.url() + " cannot be reached: " + e.getMessage(), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while asking projections", e);
    }
    return switch (response.statusCode()) {
      case 200 -> Optional.of(purchase(response.body()));
      case 404 -> Optional.empty();
      default -> throw unavailable("projections answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8), null);
    };
  }

  private static Purchase purchase(final byte[] body) {
    try {
      final IndexedPurchase p = JSON.readValue(body, IndexedPurchase.class);
      return new Purchase(p.playerRef(), p.transactionId(), p.productId(), p.quantity());
    } catch (final IOException e) {
      throw new ProblemException(502, ErrorCode.PURCHASE_INDEX_UNAVAILABLE.name(),
          "projections answered a purchase the gateway cannot read: " + e.getMessage(), e);
    }
  }

  private static ProblemException unavailable(final String detail, final Throwable cause) {
    // The store is told to retry; the log keeps what failed.
    LOG.warn("Purchase index lookup failed: {}", detail, cause);
    return new ProblemException(ErrorCode.PURCHASE_INDEX_UNAVAILABLE, detail, RETRY_AFTER_SECONDS);
  }

  private static String stripSlash(final String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

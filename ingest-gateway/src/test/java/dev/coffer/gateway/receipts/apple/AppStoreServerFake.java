package dev.coffer.gateway.receipts.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.coffer.gateway.receipts.StoreApiFake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for the App Store Server API's Get Transaction History (v2) and Get All Subscription
 * Statuses, serving the documented JSON with JWS signed by a test chain. It checks what Apple would: every call
 * carries an ES256 bearer token signed with the In-App Purchase key, naming its key id, issuer, audience and
 * bundle id.
 */
public final class AppStoreServerFake extends StoreApiFake {
  /** The key id the fake expects. */
  public static final String KEY_ID = "TESTKEY123";
  /** The issuer id the fake expects. */
  public static final String ISSUER_ID = "57246542-96fe-1a63-e053-0824d011072a";
  private static final int PAGE = 2;

  private final KeyPair apiKey;
  private final String bundleId;
  private final long appAppleId;
  private final Map<String, List<String>> histories = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> statuses = new ConcurrentHashMap<>();
  private volatile int calls;

  private AppStoreServerFake(final KeyPair apiKey, final String bundleId, final long appAppleId) {
    super("application/json");
    this.apiKey = apiKey;
    this.bundleId = bundleId;
    this.appAppleId = appAppleId;
  }

  /** Starts on a free loopback port for an app. */
  public static AppStoreServerFake start(final String bundleId, final long appAppleId) {
    final AppStoreServerFake fake;
    try {
      fake = new AppStoreServerFake(TestPki.ecKey(), bundleId, appAppleId);
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    fake.listen(Map.of("/inApps/", fake::handle));
    return fake;
  }

  /** Client settings pointing here, with the key the fake checks tokens against. */
  public AppleApiSettings settings() {
    return new AppleApiSettings(KEY_ID, ISSUER_ID, pem(apiKey.getPrivate()), baseUrl());
  }

  /** Serves these signed transactions as the history of {@code transactionId}, in order. */
  public void putHistory(final String transactionId, final List<String> signedTransactions) {
    histories.put(transactionId, List.copyOf(signedTransactions));
  }

  /** Serves one subscription group's last transaction for {@code originalTransactionId}. */
  public void putStatus(final String originalTransactionId, final int status, final String signedTransaction,
                        final String signedRenewal) {
    final Map<String, Object> last = new HashMap<>();
    last.put("status", status);
    last.put("originalTransactionId", originalTransactionId);
    last.put("signedTransactionInfo", signedTransaction);
    last.put("signedRenewalInfo", signedRenewal);
    statuses.put(originalTransactionId, Map.of("environment", "Sandbox", "bundleId", bundleId,
        "appAppleId", appAppleId, "data", List.of(Map.of("subscriptionGroupIdentifier", "21000001",
            "lastTransactions", List.of(last)))));
  }

  /** API calls answered. */
  public int calls() {
    return calls;
  }

  private void handle(final HttpExchange exchange) throws IOException {
    final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ") || !validToken(authorization.substring(7))) {
      problem("call without a valid token: " + exchange.getRequestURI());
      reply(exchange, 401, Map.of("errorCode", 4010000, "errorMessage", "Unauthenticated"));
      return;
    }
    calls++;
    final int fail = takeFailure();
    if (fail != 0) {
      reply(exchange, fail, Map.of("errorCode", fail * 10_000, "errorMessage", "failing on request"));
      return;
    }
    final String path = exchange.getRequestURI().getPath();
    final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (path.startsWith("/inApps/v2/history/")) {
      final List<String> all = histories.get(path.substring("/inApps/v2/history/".length()));
      if (all == null) {
        reply(exchange, 404, Map.of("errorCode", 4040010, "errorMessage", "Transaction id not found."));
        return;
      }
      if (!"ASCENDING".equals(query.get("sort"))) {
        problem("history not asked in ascending order: " + query);
      }
      final int from = query.containsKey("revision") ? Integer.parseInt(query.get("revision").substring(1)) : 0;
      final int to = Math.min(all.size(), from + PAGE);
      final Map<String, Object> body = new HashMap<>();
      body.put("revision", "r" + to);
      body.put("bundleId", bundleId);
      body.put("appAppleId", appAppleId);
      body.put("environment", "Sandbox");
      body.put("hasMore", to < all.size());
      body.put("signedTransactions", new ArrayList<>(all.subList(from, to)));
      reply(exchange, 200, body);
    } else if (path.startsWith("/inApps/v1/subscriptions/")) {
      final Map<String, Object> status = statuses.get(path.substring("/inApps/v1/subscriptions/".length()));
      if (status == null) {
        reply(exchange, 404, Map.of("errorCode", 4040010, "errorMessage", "Transaction id not found."));
      } else {
        reply(exchange, 200, status);
      }
    } else {
      reply(exchange, 404, Map.of("errorCode", 4040000, "errorMessage", "no such endpoint " + path));
    }
  }

  private boolean validToken(final String jwt) {
    final String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      final Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
      es256.initVerify(apiKey.getPublic());
      es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      final JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      final JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return es256.verify(Base64.getUrlDecoder().decode(parts[2]))
          && "ES256".equals(header.path("alg").asText()) && KEY_ID.equals(header.path("kid").asText())
          && ISSUER_ID.equals(claims.path("iss").asText()) && "appstoreconnect-v1".equals(claims.path("aud").asText())
          && bundleId.equals(claims.path("bid").asText())
          && claims.path("exp").asLong() > Instant.now().getEpochSecond();
    } catch (final GeneralSecurityException | IOException | IllegalArgumentException e) {
      problem("unreadable token: " + e);
      return false;
    }
  }
}

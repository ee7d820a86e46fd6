package dev.coffer.gateway.receipts.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.coffer.gateway.receipts.StoreApiFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Google's OAuth token endpoint and the two Play Developer API calls Coffer makes, serving
 * the documented JSON. It checks what Google would: the token request is a JWT bearer grant signed with the
 * service account's key, and every API call carries the token it issued.
 */
public final class GooglePlayFake extends StoreApiFake {
  private static final String PREFIX = "/androidpublisher/v3/applications/";

  private final KeyPair serviceAccount;
  private final String accessToken = "ya29.fake-" + UUID.randomUUID();
  private final List<Map<String, Object>> voided = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, Object>> subscriptions = new ConcurrentHashMap<>();
  private final List<Map<String, String>> voidedQueries = new CopyOnWriteArrayList<>();
  private volatile int tokenRequests;

  private GooglePlayFake(final KeyPair serviceAccount) {
    super("application/json; charset=UTF-8");
    this.serviceAccount = serviceAccount;
  }

  /** Starts on a free loopback port. */
  public static GooglePlayFake start() {
    final GooglePlayFake fake;
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      fake = new GooglePlayFake(generator.generateKeyPair());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    fake.listen(Map.of("/token", fake::token, PREFIX, fake::api));
    return fake;
  }

  /** The root URL to give the client. */
  public String rootUrl() {
    return baseUrl() + "/";
  }

  /** A service account key file's JSON whose {@code token_uri} is this server. */
  public byte[] serviceAccountJson() {
    final Map<String, Object> json = new HashMap<>();
    json.put("type", "service_account");
    json.put("project_id", "coffer-test");
    json.put("private_key_id", "key-1");
    json.put("private_key", pem(serviceAccount.getPrivate()));
    json.put("client_email", "coffer@coffer-test.iam.gserviceaccount.com");
    json.put("client_id", "1234567890");
    json.put("token_uri", rootUrl() + "token");
    try {
      return JSON.writeValueAsBytes(json);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Client settings for {@code packageName} pointing here. */
  public GooglePlayApiSettings settings(final String packageName) {
    return new GooglePlayApiSettings(packageName, serviceAccountJson(), rootUrl(), Duration.ofSeconds(10));
  }

  /** Adds a voided purchase (a VoidedPurchase resource) to the list. */
  public void addVoided(final Map<String, Object> voidedPurchase) {
    voided.add(voidedPurchase);
  }

  /** Serves {@code subscription} (a SubscriptionPurchaseV2 resource) for {@code token}. */
  public void putSubscription(final String token, final Map<String, Object> subscription) {
    subscriptions.put(token, subscription);
  }

  /** The query parameters of every voided purchases call. */
  public List<Map<String, String>> voidedQueries() {
    return List.copyOf(voidedQueries);
  }

  /** How many tokens were issued. */
  public int tokenRequests() {
    return tokenRequests;
  }

  private void token(final HttpExchange exchange) throws IOException {
    final Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(),
        StandardCharsets.UTF_8));
    final String assertion = form.get("assertion");
    if (!"POST".equals(exchange.getRequestMethod())
        || !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || assertion == null
        || !signedByServiceAccount(assertion)) {
      problem("bad token request: " + form);
      reply(exchange, 400, Map.of("error", "invalid_grant", "error_description", "bad assertion"));
      return;
    }
    tokenRequests++;
    reply(exchange, 200, Map.of("access_token", accessToken, "expires_in", 3600, "token_type", "Bearer"));
  }

  private boolean signedByServiceAccount(final String jwt) {
    final String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      final Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(serviceAccount.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return false;
      }
      final JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return claims.path("iss").asText().equals("coffer@coffer-test.iam.gserviceaccount.com")
          // Google's token server is the audience whatever token_uri the key file names.
          && claims.path("aud").asText().equals("https://oauth2.googleapis.com/token")
          && claims.path("scope").asText().contains("https://www.googleapis.com/auth/androidpublisher");
    } catch (final GeneralSecurityException | IOException | IllegalArgumentException e) {
      problem("unreadable assertion: " + e);
      return false;
    }
  }

  private void api(final HttpExchange exchange) throws IOException {
    if (!("Bearer " + accessToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      problem("API call without the issued token: " + exchange.getRequestURI());
      error(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
      return;
    }
    final int fail = takeFailure();
    if (fail != 0) {
      error(exchange, fail, fail == 404 ? "NOT_FOUND" : "INTERNAL", "failing on request");
      return;
    }
    final String path = exchange.getRequestURI().getPath();
    final String[] parts = path.substring(PREFIX.length()).split("/");
    // <package>/purchases/voidedpurchases or <package>/purchases/subscriptionsv2/tokens/<token>
    if (parts.length == 3 && "voidedpurchases".equals(parts[2])) {
      final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      voidedQueries.add(query);
      final long start = Long.parseLong(query.getOrDefault("startTime", "0"));
      final long end = Long.parseLong(query.getOrDefault("endTime", Long.toString(Long.MAX_VALUE)));
      final List<Map<String, Object>> inWindow = new ArrayList<>();
      for (final Map<String, Object> v : voided) {
        final long at = Long.parseLong(v.get("voidedTimeMillis").toString());
        if (at >= start && at <= end && ("true".equals(query.get("includeQuantityBasedPartialRefund"))
            || !v.containsKey("voidedQuantity"))) {
          inWindow.add(v);
        }
      }
      // One purchase per page, so that paging is exercised.
      final int from = query.containsKey("token") ? Integer.parseInt(query.get("token")) : 0;
      final Map<String, Object> body = new HashMap<>();
      body.put("pageInfo", Map.of("totalResults", inWindow.size(), "resultPerPage", 1, "startIndex", from));
      body.put("voidedPurchases", inWindow.subList(Math.min(from, inWindow.size()), Math.min(from + 1, inWindow
          .size())));
      if (from + 1 < inWindow.size()) {
        body.put("tokenPagination", Map.of("nextPageToken", Integer.toString(from + 1)));
      }
      reply(exchange, 200, body);
    } else if (parts.length == 5 && "subscriptionsv2".equals(parts[2]) && "tokens".equals(parts[3])) {
      final Map<String, Object> subscription = subscriptions.get(URLDecoder.decode(parts[4], StandardCharsets.UTF_8));
      if (subscription == null) {
        error(exchange, 404, "NOT_FOUND", "The purchase token was not found.");
      } else {
        reply(exchange, 200, subscription);
      }
    } else {
      error(exchange, 404, "NOT_FOUND", "no such method " + path);
    }
  }

  private void error(final HttpExchange exchange, final int status, final String reason, final String message)
      throws IOException {
    reply(exchange, status, Map.of("error", Map.of("code", status, "message", message, "status", reason)));
  }
}

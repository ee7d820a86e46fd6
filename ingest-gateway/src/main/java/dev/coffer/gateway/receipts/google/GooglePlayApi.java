package dev.coffer.gateway.receipts.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.androidpublisher.AndroidPublisher;
import com.google.api.services.androidpublisher.AndroidPublisherScopes;
import com.google.api.services.androidpublisher.model.AutoRenewingPlan;
import com.google.api.services.androidpublisher.model.CanceledStateContext;
import com.google.api.services.androidpublisher.model.Money;
import com.google.api.services.androidpublisher.model.SubscriptionPurchaseLineItem;
import com.google.api.services.androidpublisher.model.SubscriptionPurchaseV2;
import com.google.api.services.androidpublisher.model.VoidedPurchase;
import com.google.api.services.androidpublisher.model.VoidedPurchasesListResponse;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.coffer.gateway.receipts.StoreApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls Coffer makes to the Google Play Developer API, through Google's own client
 * ({@code google-api-services-androidpublisher}) authenticated as the app's service account
 * ({@code google-auth-library}): the voided purchases list (to learn a partial refund's quantity) and
 * {@code purchases.subscriptionsv2.get} (a subscription's state, expiry and latest paid order).
 */
public final class GooglePlayApi {

  /** How far back and forward of a voided-purchase notification's time the list is searched. */
  private static final Duration VOIDED_WINDOW = Duration.ofDays(1);
  /** Voided purchases read per page (the API's maximum is 1000). */
  private static final long PAGE = 1000;
  /** Pages read at most per lookup: bounds one notification's work. */
  private static final int MAX_PAGES = 10;

  private final GooglePlayApiSettings settings;
  private final AndroidPublisher publisher;
  private final Clock clock;

  /**
   * @param settings the app's API settings
   * @param clock    bounds the voided purchases' time window
   * @throws IllegalArgumentException if the service account JSON is not one
   */
  public GooglePlayApi(final GooglePlayApiSettings settings, final Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    final GoogleCredentials credentials;
    try {
      credentials = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(settings.serviceAccountJson()))
          .createScoped(List.of(AndroidPublisherScopes.ANDROIDPUBLISHER));
    } catch (final IOException e) {
      throw new IllegalArgumentException("the service account JSON of " + settings.packageName()
          + " is not a Google service account key: " + e.getMessage(), e);
    }
    final HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
    final int timeoutMillis = Math.toIntExact(settings.timeout().toMillis());
    final HttpRequestInitializer initializer = request -> {
      auth.initialize(request);
      request.setConnectTimeout(timeoutMillis);
      request.setReadTimeout(timeoutMillis);
    };
    this.publisher = new AndroidPublisher.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
        initializer).setRootUrl(settings.rootUrl()).setApplicationName("coffer").build();
  }

  /**
   * A voided purchase as the voided purchases list reports it.
   *
   * @param orderId       the voided order
   * @param purchaseToken its purchase token
   * @param voidedAt      when it was voided
   * @param quantity      for a quantity-based partial refund, the units refunded; null for the whole order
   * @param reason        Google's {@code voidedReason} (0 other, 1 remorse, 2 not received, 3 defective,
   *                      4 accidental, 5 fraud, 6 friendly fraud, 7 chargeback, 8 unacknowledged); nullable
   * @param source        Google's {@code voidedSource} (0 user, 1 developer, 2 Google); nullable
   */
  public record Voided(String orderId, String purchaseToken, Instant voidedAt, Integer quantity, Integer reason,
                       Integer source) {
  }

  /**
   * Finds a voided order in {@code purchases.voidedpurchases.list} (in-app and subscription purchases,
   * quantity-based partial refunds included) around the time its notification names. Of several voidings of
   * one order (several partial refunds), the one closest to {@code around}.
   *
   * @param orderId       the order the notification names
   * @param purchaseToken the purchase token it names
   * @param around        the notification's event time
   * @return the voided purchase, empty if the list does not show it (yet)
   * @throws StoreApiException if the call fails
   */
  public Optional<Voided> voided(final String orderId, final String purchaseToken, final Instant around)
      throws StoreApiException {
    final Instant now = clock.instant();
    final Instant start = around.minus(VOIDED_WINDOW);
    final Instant end = around.plus(VOIDED_WINDOW).isAfter(now) ? now : around.plus(VOIDED_WINDOW);
    Voided best = null;
    String pageToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      final VoidedPurchasesListResponse response;
      try {
        response = publisher.purchases().voidedpurchases().list(settings.packageName())
            .setStartTime(start.toEpochMilli()).setEndTime(end.toEpochMilli())
            .setType(1).setIncludeQuantityBasedPartialRefund(true).setMaxResults(PAGE)
            .setToken(pageToken).execute();
      } catch (final IOException e) {
        throw failure("listing voided purchases of " + settings.packageName(), e);
      }
      for (final VoidedPurchase v : Optional.ofNullable(response.getVoidedPurchases()).orElse(List.of())) {
        final boolean same = orderId != null ? orderId.equals(v.getOrderId())
            : purchaseToken.equals(v.getPurchaseToken());
        if (same && v.getVoidedTimeMillis() != null) {
          final Voided candidate = new Voided(v.getOrderId(), v.getPurchaseToken(),
              Instant.ofEpochMilli(v.getVoidedTimeMillis()), v.getVoidedQuantity(), v.getVoidedReason(),
              v.getVoidedSource());
          if (best == null || distance(candidate, around) < distance(best, around)) {
            best = candidate;
          }
        }
      }
      pageToken = response.getTokenPagination() == null ? null
          : response.getTokenPagination().getNextPageToken();
      if (pageToken == null || pageToken.isEmpty()) {
        break;
      }
    }
    return Optional.ofNullable(best);
  }

  private static long distance(final Voided v, final Instant around) {
    return Math.abs(v.voidedAt().toEpochMilli() - around.toEpochMilli());
  }

  /**
   * A subscription as {@code purchases.subscriptionsv2.get} reports it.
   *
   * @param purchaseToken          the token asked about
   * @param state                  Google's {@code subscriptionState}, e.g. {@code SUBSCRIPTION_STATE_ACTIVE}
   * @param productId              the subscribed product (the line item's {@code productId})
   * @param latestSuccessfulOrderId the latest order that was paid (the signup or a renewal); nullable
   * @param expiresAt              when the current period ends; nullable
   * @param autoRenew              whether it renews; null for prepaid plans
   * @param cancelledBy            who cancelled, from {@code canceledStateContext}: {@code user}, {@code system},
   *                               {@code developer}, {@code replacement}; nullable
   * @param price                  the recurring price; nullable
   * @param currency               its ISO 4217 code; nullable
   * @param regionCode             the buyer's ISO 3166-1 alpha-2 region; nullable
   * @param test                   whether it is a license tester's purchase
   * @param linkedPurchaseToken    the token this one replaced (upgrade, downgrade, resubscribe); nullable
   */
  public record Subscription(String purchaseToken, String state, String productId, String latestSuccessfulOrderId,
                             Instant expiresAt, Boolean autoRenew, String cancelledBy, BigDecimal price,
                             String currency, String regionCode, boolean test, String linkedPurchaseToken) {
  }

  /**
   * Reads a subscription's state.
   *
   * @param purchaseToken the subscription's purchase token
   * @return its state
   * @throws StoreApiException if the call fails or the answer has no line item
   */
  public Subscription subscription(final String purchaseToken) throws StoreApiException {
    final SubscriptionPurchaseV2 s;
    try {
      s = publisher.purchases().subscriptionsv2().get(settings.packageName(), purchaseToken).execute();
    } catch (final IOException e) {
      throw failure("reading subscription " + purchaseToken, e);
    }
    try {
      return subscription(purchaseToken, s);
    } catch (final IllegalArgumentException e) {
      throw new StoreApiException(StoreApiException.Kind.UNAVAILABLE,
          "the Play Developer API's answer about " + purchaseToken + " is not understood: " + e.getMessage(), e);
    }
  }

  private Subscription subscription(final String purchaseToken, final SubscriptionPurchaseV2 s)
      throws StoreApiException {
    // One line item per product; the one ending last is the period the player holds now.
    final SubscriptionPurchaseLineItem item = Optional.ofNullable(s.getLineItems()).orElse(List.of()).stream()
        .max(Comparator.comparing(li -> Objects.requireNonNullElse(time(li.getExpiryTime()), Instant.EPOCH)))
        .orElseThrow(() -> new StoreApiException(StoreApiException.Kind.REFUSED,
            "subscription " + purchaseToken + " has no line item", null));
    final AutoRenewingPlan plan = item.getAutoRenewingPlan();
    final Money price = plan == null ? null : plan.getRecurringPrice();
    return new Subscription(purchaseToken, s.getSubscriptionState(), item.getProductId(),
        item.getLatestSuccessfulOrderId(), time(item.getExpiryTime()),
        plan == null ? null : plan.getAutoRenewEnabled(), cancelledBy(s.getCanceledStateContext()),
        money(price), price == null ? null : price.getCurrencyCode(), s.getRegionCode(),
        s.getTestPurchase() != null, s.getLinkedPurchaseToken());
  }

  private static String cancelledBy(final CanceledStateContext c) {
    if (c == null) {
      return null;
    }
    if (c.getUserInitiatedCancellation() != null) {
      return "user";
    }
    if (c.getSystemInitiatedCancellation() != null) {
      return "system";
    }
    if (c.getDeveloperInitiatedCancellation() != null) {
      return "developer";
    }
    return c.getReplacementCancellation() != null ? "replacement" : null;
  }

  private static BigDecimal money(final Money m) {
    if (m == null || m.getCurrencyCode() == null) {
      return null;
    }
    final long units = m.getUnits() == null ? 0 : m.getUnits();
    final int nanos = m.getNanos() == null ? 0 : m.getNanos();
    return BigDecimal.valueOf(units).add(BigDecimal.valueOf(nanos, 9)).stripTrailingZeros();
  }

  private static Instant time(final String rfc3339) {
    if (rfc3339 == null) {
      return null;
    }
    try {
      return Instant.parse(rfc3339);
    } catch (final DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 3339 time from the Play Developer API: " + rfc3339, e);
    }
  }

  private static StoreApiException failure(final String what, final IOException e) {
    if (e instanceof GoogleJsonResponseException r && r.getStatusCode() >= 400 && r.getStatusCode() < 500
        && r.getStatusCode() != 429) {
      return new StoreApiException(StoreApiException.Kind.REFUSED,
          what + ": the Play Developer API answered " + r.getStatusCode() + " " + r.getStatusMessage(), e);
    }
    return new StoreApiException(StoreApiException.Kind.UNAVAILABLE, what + " failed: " + e.getMessage(), e);
  }
}

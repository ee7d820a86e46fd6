package dev.coffer.gateway.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.apps.App;
import dev.coffer.apps.Identifiers;
import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.gateway.purchases.ReceiptProducts;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import dev.coffer.gateway.receipts.stripe.StripeEvent;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.StoreEnvironment;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;

/**
 * Turns verified Stripe events into ledger events: web purchases of catalog products, and their refunds and
 * disputes.
 *
 * <ul>
 *   <li>{@code checkout.session.completed} (and {@code checkout.session.async_payment_succeeded}) with
 *       {@code mode} payment and {@code payment_status} paid, and {@code payment_intent.succeeded}: a
 *       {@code PurchaseVerified}. The player is the session's {@code client_reference_id} or the object's
 *       {@code metadata.coffer_player_id}; the product the one whose {@code stripe} store product id is
 *       {@code metadata.coffer_sku} (a Stripe price or product id, as the studio's catalog names it);
 *       {@code metadata.coffer_quantity} (default 1) the units. The transaction id is the payment intent's id
 *       (the session's id only when it has none), so the session and its payment intent, when both carry
 *       Coffer's metadata, are one receipt: the second is a DUPLICATE.
 *   <li>{@code charge.refunded}: a {@code PurchaseRevoked} (REFUND) of the units this refund covers:
 *       {@code ceil(amount_refunded × quantity / amount)}, less what {@code previous_attributes.amount_refunded}
 *       already covered (rounded up, so a refund never leaves the player richer than before the purchase);
 *       {@code quantity} null when it covers the whole purchase.
 *   <li>{@code charge.dispute.created}: a {@code PurchaseRevoked} (CHARGEBACK) of the whole purchase.
 *   <li>Anything else, and objects without Coffer's metadata: ignored.
 * </ul>
 * Revocations are keyed with the system key {@code stripe:<event id>}, purchases by their receipt.
 */
public final class StripeEvents {
  /** The metadata key naming the player. */
  public static final String PLAYER = "coffer_player_id";
  /** The metadata key naming the store product id (Stripe price or product id) of the catalog product. */
  public static final String SKU = "coffer_sku";
  /** The metadata key naming the units bought (default 1). */
  public static final String QUANTITY = "coffer_quantity";

  private final CatalogView catalog;
  private final ReceiptProducts products;
  private final PurchaseIndex index;
  private final Clock clock;
  private final PlayerDirectory directory;

  /**
   * @param catalog the catalog
   * @param index the purchases' players
   * @param clock stamps {@code occurredAt}
   * @param directory finds (or makes) the player a checkout names
   */
  public StripeEvents(final CatalogView catalog, final PurchaseIndex index, final Clock clock,
                      final PlayerDirectory directory) {
    this.directory = directory;
    this.catalog = catalog;
    this.products = new ReceiptProducts(catalog);
    this.index = index;
    this.clock = clock;
  }

  /**
   * What a Stripe event becomes.
   *
   * @param app the app
   * @param event the verified event
   * @param requestId the HTTP request id
   * @return the ledger event, or why it is ignored
   * @throws ProblemException for a product no catalog product sells ({@code UNKNOWN_PRODUCT}), a refund of a purchase
   *     Coffer never recorded ({@code UNKNOWN_PURCHASE}) or metadata that is not usable
   */
  public StoreNotifications.Result toEvent(final App app, final StripeEvent event, final String requestId) {
    final JsonNode object = event.object();
    return switch (event.type()) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(app, event, requestId);
      case "payment_intent.succeeded" -> purchase(app, event, id(object, "id"), id(object, "id"),
          object.path("amount_received").asLong(0), object.path("currency").asText(null), null, requestId);
      case "charge.refunded" -> refund(app, event, requestId);
      case "charge.dispute.created" -> dispute(app, event, requestId);
      default -> new StoreNotifications.Result.Ignored(event.type() + " is not recorded");
    };
  }

  private StoreNotifications.Result checkout(final App app, final StripeEvent event, final String requestId) {
    final JsonNode session = event.object();
    if (!"payment".equals(session.path("mode").asText())) {
      return new StoreNotifications.Result.Ignored("checkout session in mode " + session.path("mode").asText()
          + ": only one-time payments are recorded");
    }
    if (!"paid".equals(session.path("payment_status").asText())) {
      return new StoreNotifications.Result.Ignored("checkout session not paid yet (payment_status "
          + session.path("payment_status").asText() + "); checkout.session.async_payment_succeeded follows");
    }
    final String sessionId = id(session, "id");
    final String paymentIntent = id(session, "payment_intent");
    return purchase(app, event, paymentIntent != null ? paymentIntent : sessionId, sessionId,
        session.path("amount_total").asLong(0), session.path("currency").asText(null),
        session.path("customer_details").path("address").path("country").asText(null), requestId);
  }

  private StoreNotifications.Result purchase(final App app, final StripeEvent event, final String transactionId,
                                             final String orderId, final long amountMinor, final String currency,
                                             final String country, final String requestId) {
    final JsonNode object = event.object();
    final JsonNode metadata = object.path("metadata");
    final String playerId = object.hasNonNull("client_reference_id") ? object.get("client_reference_id").asText()
        : metadata.path(PLAYER).asText(null);
    if (playerId == null || playerId.isEmpty()) {
      return new StoreNotifications.Result.Ignored("not a Coffer purchase: no client_reference_id or metadata."
          + PLAYER);
    }
    if (!Identifiers.isPlayerId(playerId)) {
      throw malformed("the player id (client_reference_id or metadata." + PLAYER + ") is not a player id");
    }
    final String sku = metadata.path(SKU).asText(null);
    if (sku == null || sku.isBlank()) {
      throw malformed("metadata." + SKU + " (the Stripe price or product id of the catalog product) is required");
    }
    if (transactionId == null) {
      throw malformed("the object has no id");
    }
    final long quantity = quantity(metadata.path(QUANTITY).asText(null));
    final BigDecimal price = price(amountMinor, currency);
    final VerifiedReceipt receipt = new VerifiedReceipt(Store.STRIPE, sku, transactionId, null, orderId, null,
        Instant.ofEpochSecond(object.path("created").asLong(event.created().getEpochSecond())), quantity, price,
        price == null ? null : currency.toUpperCase(Locale.ROOT), country(country),
        event.livemode() ? StoreEnvironment.PRODUCTION : StoreEnvironment.SANDBOX, null, null, null);
    final Product product = products.productOf(app.appId(), receipt, null);
    final Grants grants = catalog.resolve(app.appId(), product.getGrants());
    final PurchaseVerified payload = PurchaseVerified.newBuilder().setStore(Store.STRIPE)
        .setProductId(product.getProductId()).setStoreProductId(sku).setProductType(product.getProductType())
        .setTransactionId(transactionId).setOrderId(orderId).setPurchaseTime(receipt.purchaseTime())
        .setQuantity(quantity).setPrice(price == null ? null : price.setScale(6, RoundingMode.HALF_EVEN))
        .setCurrency(receipt.currency()).setCountry(receipt.country()).setMarket("web")
        .setEnvironment(receipt.environment()).setAutoConsume(product.getAutoConsume())
        .setGrants(grants)
        .setOnConsume(catalog.onConsumeOf(app.appId(), grants, product.getAutoConsume())).build();
    // The checkout names the player: found (or made) in the directory, so the purchase's store ids are kept
    // sealed under its key.
    final PlayerIdentity player = directory.await(directory.create(app, playerId));
    return new StoreNotifications.Result.Event(LedgerEvents.forReceipt(app.appId(), player.playerRef(),
        Store.STRIPE, transactionId, payload, requestId, clock.instant()), player);
  }

  private StoreNotifications.Result refund(final App app, final StripeEvent event, final String requestId) {
    final JsonNode charge = event.object();
    final PurchaseIndex.Purchase purchase = recorded(app, charge);
    final long amount = charge.path("amount").asLong(0);
    if (amount <= 0) {
      throw malformed("charge.amount must be positive");
    }
    final long now = units(charge.path("amount_refunded").asLong(0), amount, purchase.quantity());
    final long before = event.previousAttributes() == null ? 0
        : units(event.previousAttributes().path("amount_refunded").asLong(0), amount, purchase.quantity());
    final long units = now - before;
    if (units <= 0) {
      return new StoreNotifications.Result.Ignored("the refund covers no unit beyond those already revoked");
    }
    return revocation(app, event, purchase, RevocationReason.REFUND,
        units == purchase.quantity() ? null : units, requestId);
  }

  private StoreNotifications.Result dispute(final App app, final StripeEvent event, final String requestId) {
    return revocation(app, event, recorded(app, event.object()), RevocationReason.CHARGEBACK, null, requestId);
  }

  private StoreNotifications.Result revocation(final App app, final StripeEvent event,
                                               final PurchaseIndex.Purchase purchase, final RevocationReason reason,
                                               final Long quantity, final String requestId) {
    final PurchaseRevoked payload = PurchaseRevoked.newBuilder().setStore(Store.STRIPE)
        .setTransactionId(purchase.transactionId()).setReason(reason).setRevokedAt(event.created())
        .setQuantity(quantity).build();
    final LedgerEvent ledgerEvent = LedgerEvents.forSystem(app.appId(), purchase.playerRef(), "stripe:" + event.id(),
        payload, false, requestId, clock.instant());
    return new StoreNotifications.Result.Event(ledgerEvent);
  }

  /** The purchase a charge or dispute is about, by its payment intent. */
  private PurchaseIndex.Purchase recorded(final App app, final JsonNode object) {
    final String paymentIntent = id(object, "payment_intent");
    if (paymentIntent == null) {
      throw new ProblemException(ErrorCode.UNKNOWN_PURCHASE, "the " + object.path("object").asText("object")
          + " names no payment_intent: Coffer records Stripe purchases by payment intent");
    }
    return index.find(app.appId(), Store.STRIPE, paymentIntent).orElseThrow(() -> new ProblemException(
        ErrorCode.UNKNOWN_PURCHASE, "no recorded Stripe purchase has payment intent " + paymentIntent
            + " (Stripe retries; it is found once the purchase is recorded)"));
  }

  /** Whole units a refunded amount covers, rounded up, at most the quantity bought. */
  static long units(final long refunded, final long amount, final long quantity) {
    if (refunded <= 0) {
      return 0;
    }
    final BigDecimal exact = BigDecimal.valueOf(refunded).multiply(BigDecimal.valueOf(quantity))
        .divide(BigDecimal.valueOf(amount), 0, RoundingMode.CEILING);
    return Math.min(quantity, exact.longValueExact());
  }

  /** An id field: a string, or an expanded object's {@code id}. */
  private static String id(final JsonNode object, final String field) {
    final JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isObject() ? value.path("id").asText(null) : value.asText(null);
  }

  private static long quantity(final String text) {
    if (text == null) {
      return 1;
    }
    final String problem = "metadata." + QUANTITY + " must be a whole number from 1 to 1000000, was " + text;
    final long quantity;
    try {
      quantity = Long.parseLong(text.trim());
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, RejectionCode.MALFORMED_NOTIFICATION.name(), problem, e);
    }
    if (quantity <= 0 || quantity > 1_000_000) {
      throw malformed(problem);
    }
    return quantity;
  }

  /** Stripe amounts are in the currency's smallest unit (its ISO 4217 minor unit). */
  private static BigDecimal price(final long amountMinor, final String currency) {
    if (currency == null) {
      return null;
    }
    try {
      final int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
      return BigDecimal.valueOf(amountMinor, Math.max(digits, 0));
    } catch (final IllegalArgumentException e) {
      // A currency the JDK does not know: the purchase is recorded without a price.
      return null;
    }
  }

  private static String country(final String country) {
    return country != null && country.matches("[A-Z]{2}") ? country : null;
  }

  private static ProblemException malformed(final String detail) {
    return new ProblemException(400, RejectionCode.MALFORMED_NOTIFICATION.name(), detail);
  }
}

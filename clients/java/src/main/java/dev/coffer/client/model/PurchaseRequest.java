package dev.coffer.client.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A store purchase to verify and record ({@code POST /v1/apps/{appId}/purchases}). It needs no idempotency
 * key: the receipt's store transaction is its identity, so sending the same receipt again is answered
 * DUPLICATE, and the same receipt for another player {@link RejectionReason#RECEIPT_ALREADY_USED}.
 *
 * <pre>{@code
 * PurchaseRequest.googlePlay("alice", purchaseData, signature)
 *     .price(new BigDecimal("0.99"), "USD").country("DE").build();
 * }</pre>
 *
 * @param playerId the player (with a client key, the one its player token names)
 * @param store the store
 * @param receipt the store's receipt fields ({@code purchaseData}/{@code signature}, {@code signedTransaction},
 *     {@code inAppPurchaseData}/{@code inAppDataSignature}/{@code signatureAlgorithm}, {@code signedReceipt})
 * @param productId an optional cross-check of the product the receipt buys (required with {@code grants})
 * @param grants server keys only: dynamic items (consumable, consumed on confirmation), or {@code null}
 * @param storeProductId with grants: the store's product id (default {@code productId}), or {@code null}
 * @param price the price paid, or {@code null}
 * @param currency ISO 4217 code of {@code price}, or {@code null}
 * @param country ISO 3166-1 alpha-2 country, or {@code null}
 * @param os the player's operating system, or {@code null}
 * @param market the sales channel, or {@code null}
 * @param playerLevel the player's level, or {@code null}
 * @param grade the player's grade or tier, or {@code null}
 */
public record PurchaseRequest(String playerId, Store store, Map<String, String> receipt, String productId,
                              Grants grants, String storeProductId, BigDecimal price, String currency,
                              String country, String os, String market, Integer playerLevel, String grade) {
  /** Checks the components: a missing or invalid one throws (NullPointerException, IllegalArgumentException). */
  public PurchaseRequest {
    Objects.requireNonNull(playerId, "playerId");
    Objects.requireNonNull(store, "store");
    receipt = Map.copyOf(Objects.requireNonNull(receipt, "receipt"));
  }

  /** A Google Play purchase: the {@code purchaseData} JSON exactly as Play returned it, and its signature. */
  public static Builder googlePlay(final String playerId, final String purchaseData, final String signature) {
    return new Builder(playerId, Store.GOOGLE_PLAY).receipt("purchaseData", purchaseData)
        .receipt("signature", signature);
  }

  /** A Cafe Bazaar purchase: Google's format. */
  public static Builder cafeBazaar(final String playerId, final String purchaseData, final String signature) {
    return new Builder(playerId, Store.CAFE_BAZAAR).receipt("purchaseData", purchaseData)
        .receipt("signature", signature);
  }

  /** An App Store purchase: StoreKit 2's signed transaction (JWS). */
  public static Builder appStore(final String playerId, final String signedTransaction) {
    return new Builder(playerId, Store.APPLE_APP_STORE).receipt("signedTransaction", signedTransaction);
  }

  /**
   * A Huawei AppGallery purchase.
   *
   * @param playerId the player
   * @param inAppPurchaseData the exact InAppPurchaseData JSON string
   * @param inAppDataSignature its signature
   * @param signatureAlgorithm {@code SHA256WithRSA} or {@code SHA256WithRSA/PSS}; {@code null} for the former
   * @return the builder
   */
  public static Builder huawei(final String playerId, final String inAppPurchaseData, final String inAppDataSignature,
                               final String signatureAlgorithm) {
    final Builder b = new Builder(playerId, Store.HUAWEI_APPGALLERY).receipt("inAppPurchaseData", inAppPurchaseData)
        .receipt("inAppDataSignature", inAppDataSignature);
    return signatureAlgorithm == null ? b : b.receipt("signatureAlgorithm", signatureAlgorithm);
  }

  /** A purchase in Coffer's test store (a receipt signed with the app's test-store secret). */
  public static Builder testStore(final String playerId, final String signedReceipt) {
    return new Builder(playerId, Store.TEST).receipt("signedReceipt", signedReceipt);
  }

  /** Builds a {@link PurchaseRequest}; every setter is optional. */
  public static final class Builder {
    private final String playerId;
    private final Store store;
    private final Map<String, String> receipt = new LinkedHashMap<>();
    private String productId;
    private Grants grants;
    private String storeProductId;
    private BigDecimal price;
    private String currency;
    private String country;
    private String os;
    private String market;
    private Integer playerLevel;
    private String grade;

    /**
     * A purchase of any store; name the receipt's fields with {@link #receipt(String, String)}.
     *
     * @param playerId the player
     * @param store the store
     */
    public Builder(final String playerId, final Store store) {
      this.playerId = Objects.requireNonNull(playerId, "playerId");
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Sets one field of the receipt object. */
    public Builder receipt(final String field, final String value) {
      receipt.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, field));
      return this;
    }

    /** The product the receipt should buy (422 {@code PRODUCT_MISMATCH} if it buys another). */
    public Builder productId(final String value) {
      this.productId = value;
      return this;
    }

    /** Server keys only: what the purchase gives (dynamic items), with the store's product id or {@code null}. */
    public Builder grants(final Grants value, final String storeProduct) {
      this.grants = value;
      this.storeProductId = storeProduct;
      return this;
    }

    /** The price paid and its ISO 4217 currency. */
    public Builder price(final BigDecimal value, final String isoCurrency) {
      this.price = value;
      this.currency = isoCurrency;
      return this;
    }

    /** The ISO 3166-1 alpha-2 country. */
    public Builder country(final String value) {
      this.country = value;
      return this;
    }

    /** The player's operating system. */
    public Builder os(final String value) {
      this.os = value;
      return this;
    }

    /** The sales channel. */
    public Builder market(final String value) {
      this.market = value;
      return this;
    }

    /** The player's level. */
    public Builder playerLevel(final int value) {
      this.playerLevel = value;
      return this;
    }

    /** The player's grade or tier. */
    public Builder grade(final String value) {
      this.grade = value;
      return this;
    }

    /** The request. */
    public PurchaseRequest build() {
      return new PurchaseRequest(playerId, store, receipt, productId, grants, storeProductId, price, currency,
          country, os, market, playerLevel, grade);
    }
  }
}

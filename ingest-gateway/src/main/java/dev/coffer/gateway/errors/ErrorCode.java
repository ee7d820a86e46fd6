package dev.coffer.gateway.errors;

import dev.coffer.service.problem.ProblemCode;

/**
 * The gateway's own error codes and their HTTP status. Receipt rejections
 * ({@code dev.coffer.gateway.receipts.RejectionCode}) and ledger rejections (the outcome's reason)
 * pass through under their own names. Never rename a code: clients switch on them.
 */
public enum ErrorCode implements ProblemCode {
  /** The body is not JSON (or not the CSV asked for). */
  MALFORMED_BODY(400),
  /** A required field is missing. */
  MISSING_FIELD(400),
  /** A field has the wrong type, shape, length or range. */
  INVALID_FIELD(400),
  /** The body has a field the endpoint does not know. */
  UNKNOWN_FIELD(400),
  /** A migrate call with more rows than allowed. */
  TOO_MANY_ROWS(400),
  /** No or an unknown API key for the app. */
  UNAUTHENTICATED(401),
  /** A client key on an endpoint only server keys may use. */
  KEY_NOT_ALLOWED(403),
  /** A client key without a valid player token naming the player. */
  PLAYER_TOKEN_INVALID(403),
  /** The Google notification push did not carry the app's secret token. */
  NOTIFICATION_TOKEN_INVALID(403),
  /** No such app. */
  UNKNOWN_APP(404),
  /** No such route, product or item. */
  NOT_FOUND(404),
  /** The route exists, not with this method. */
  METHOD_NOT_ALLOWED(405),
  /** The body is larger than allowed. */
  BODY_TOO_LARGE(413),
  /** The body's content type is not one the endpoint reads. */
  UNSUPPORTED_MEDIA_TYPE(415),
  /** The product is not in the app's catalog. */
  UNKNOWN_PRODUCT(422),
  /** The product the request names has no product id for the store of the receipt. */
  PRODUCT_NOT_IN_STORE(422),
  /** The request's {@code productId} is not the catalog product the receipt's store product id belongs to. */
  PRODUCT_MISMATCH(422),
  /** The store says the product is of another type (consumable, non-consumable, subscription) than the catalog. */
  PRODUCT_TYPE_MISMATCH(422),
  /** Several catalog products have the receipt's store product id (a catalog written before the rule): refused. */
  AMBIGUOUS_STORE_PRODUCT(422),
  /** A catalog write would give two products the same store product id. */
  DUPLICATE_STORE_PRODUCT_ID(409),
  /** An item named is not in the app's catalog. */
  UNKNOWN_ITEM(422),
  /** A store notification about a purchase Coffer never recorded. */
  UNKNOWN_PURCHASE(422),
  /** A store's server API is needed for this and the app has no settings for it. */
  STORE_API_NOT_CONFIGURED(422),
  /** Too many requests for the app or the player. */
  RATE_LIMITED(429),
  /**
   * Kafka (or the schema registry) did not confirm the record in time: the outcome is unknown (a
   * timed-out send may still be in the log); retrying with the same idempotency key is safe.
   */
  KAFKA_UNAVAILABLE(503),
  /** A store's server API refused the call (credentials, permissions, an unknown token): nothing was recorded. */
  STORE_API_REFUSED(502),
  /**
   * A store's server API failed or has not published what is needed yet (a voided purchase not listed yet):
   * nothing was recorded; the store's retry (or the caller's) may succeed.
   */
  STORE_API_UNAVAILABLE(503),
  /**
   * A store notification names a purchase, and the purchase index (projections) cannot say whose it is
   * now: nothing was recorded; the store's retry succeeds once projections answer.
   */
  PURCHASE_INDEX_UNAVAILABLE(503),
  /** The gateway is starting or stopping. */
  NOT_READY(503),
  /**
   * An event's outcome cannot be read now: projections (which the gateway asks for it) did not answer, or the
   * gateway has no {@code projections.url}. Retry.
   */
  PROJECTIONS_UNAVAILABLE(503),
  /** A bug: the gateway failed unexpectedly. */
  INTERNAL(500);

  private final int status;

  ErrorCode(final int status) {
    this.status = status;
  }

  /** The HTTP status. */
  @Override
  public int status() {
    return status;
  }
}

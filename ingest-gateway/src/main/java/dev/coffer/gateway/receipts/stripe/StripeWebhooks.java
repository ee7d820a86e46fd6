package dev.coffer.gateway.receipts.stripe;

import dev.coffer.service.json.PooledJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies Stripe webhook deliveries with {@code stripe-java}'s {@link Webhook}: the {@code Stripe-Signature}
 * header ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, several {@code v1} during a secret
 * rollover) over the raw body under the endpoint secret, and the timestamp within the tolerance. The event's
 * {@code data.object} is then read as plain JSON, so an endpoint pinned to any Stripe API version works.
 *
 * <p>Codes: no header, or a body that is no JSON event, {@code MALFORMED_NOTIFICATION}; a signature that does
 * not hold under any configured secret {@code BAD_SIGNATURE}; one that holds but is older than the tolerance
 * {@code STALE_SIGNATURE}.
 */
public final class StripeWebhooks {

  private static final JsonMapper JSON = PooledJson.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final StripeSettings settings;
  private final Clock clock;

  /**
   * @param settings the app's Stripe settings
   * @param clock    judges the signature's age
   */
  public StripeWebhooks(final StripeSettings settings, final Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies a delivery and reads its event.
   *
   * @param payload         the raw body, as UTF-8 text, exactly as received
   * @param signatureHeader the {@code Stripe-Signature} header; nullable
   * @return the event
   * @throws ReceiptRejectedException MALFORMED_NOTIFICATION, BAD_SIGNATURE or STALE_SIGNATURE
   */
  public StripeEvent verify(final String payload, final String signatureHeader) throws ReceiptRejectedException {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_NOTIFICATION,
          "the Stripe-Signature header is missing");
    }
    final String secret = signingSecret(payload, signatureHeader);
    final JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (final JsonProcessingException e) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_NOTIFICATION,
          "the body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_NOTIFICATION, "the body is not a JSON object");
    }
    final com.stripe.model.Event event;
    try {
      // The signature holds (checked above without the age): what can still fail is the age, or the
      // event's shape (Stripe's own JSON reader, whose exceptions are runtime ones of its Gson).
      event = Webhook.constructEvent(payload, signatureHeader, secret, settings.tolerance().toSeconds(), clock);
    } catch (final SignatureVerificationException e) {
      throw new ReceiptRejectedException(RejectionCode.STALE_SIGNATURE, "the Stripe-Signature timestamp is more"
          + " than " + settings.tolerance().toSeconds() + " s old: " + e.getMessage(), e);
    } catch (final RuntimeException e) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_NOTIFICATION,
          "the body is not a Stripe event: " + e.getMessage(), e);
    }
    final JsonNode data = root.path("data");
    final JsonNode object = data.get("object");
    if (event.getId() == null || event.getType() == null || event.getCreated() == null || object == null
        || !object.isObject()) {
      throw new ReceiptRejectedException(RejectionCode.MALFORMED_NOTIFICATION,
          "the event lacks id, type, created or data.object");
    }
    final JsonNode previous = data.get("previous_attributes");
    return new StripeEvent(event.getId(), event.getType(), Boolean.TRUE.equals(event.getLivemode()),
        Instant.ofEpochSecond(event.getCreated()), object,
        previous == null || !previous.isObject() ? null : previous);
  }

  /** The configured secret the signature holds under, whatever its age (tolerance 0 is no age check). */
  private String signingSecret(final String payload, final String header) throws ReceiptRejectedException {
    SignatureVerificationException last = null;
    for (final String secret : settings.endpointSecrets()) {
      try {
        Webhook.Signature.verifyHeader(payload, header, secret, 0, clock);
        return secret;
      } catch (final SignatureVerificationException e) {
        last = e;
      }
    }
    throw new ReceiptRejectedException(RejectionCode.BAD_SIGNATURE,
        "the Stripe-Signature does not hold under the app's endpoint secret: " + last.getMessage(), last);
  }
}

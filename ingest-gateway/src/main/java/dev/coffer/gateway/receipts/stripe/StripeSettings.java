package dev.coffer.gateway.receipts.stripe;

import java.time.Duration;
import java.util.List;

/**
 * One app's Stripe webhook settings.
 *
 * @param endpointSecrets the webhook endpoint's signing secrets ({@code whsec_...}); more than one while a
 *                        secret is rolled over (an event verifies under any of them)
 * @param tolerance       how far in the past a signature's timestamp may lie (Stripe's libraries default to
 *                        five minutes): older deliveries are refused as replays
 */
public record StripeSettings(List<String> endpointSecrets, Duration tolerance) {

  /** Five minutes, as Stripe's libraries. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** Validates both fields. */
  public StripeSettings {
    if (endpointSecrets == null || endpointSecrets.isEmpty()
        || endpointSecrets.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("at least one Stripe endpoint secret is required");
    }
    endpointSecrets = List.copyOf(endpointSecrets);
    if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("the Stripe signature tolerance must be positive");
    }
  }

  /** One secret, the default tolerance. */
  public static StripeSettings of(final String endpointSecret) {
    return new StripeSettings(List.of(endpointSecret), DEFAULT_TOLERANCE);
  }

  @Override
  public String toString() {
    return "StripeSettings[secrets=" + endpointSecrets.size() + ", tolerance=" + tolerance + "]";
  }
}

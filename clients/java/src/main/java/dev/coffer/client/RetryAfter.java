package dev.coffer.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header (RFC 9110): delay seconds, or an HTTP date. */
final class RetryAfter {
  private RetryAfter() {
  }

  static Optional<Duration> of(final HttpHeaders headers) {
    return headers.firstValue("Retry-After").flatMap(v -> parse(v, Instant.now()));
  }

  static Optional<Duration> parse(final String value, final Instant now) {
    final String v = value.trim();
    try {
      final long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (final NumberFormatException notSeconds) {
      try {
        final Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        final Duration until = Duration.between(now, at);
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (final DateTimeParseException notADate) {
        // A malformed header is no instruction: fall back to the policy's backoff.
        return Optional.empty();
      }
    }
  }
}

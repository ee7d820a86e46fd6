package dev.coffer.projections.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the ledger did with one app's events in one minute: how many were applied, answered as
 * duplicates, and rejected, by reason. Also the partial count one partition sends to the per-app sum.
 *
 * @param appId the app
 * @param minute the start of the minute (UTC), by the events' {@code occurredAt}
 * @param applied events that changed state
 * @param duplicate replays answered with the original outcome
 * @param rejected refused events, by reason code
 */
public record OutcomeMinute(String appId, Instant minute, long applied, long duplicate, Map<String, Long> rejected) {
  /** The reason recorded for a rejection that names none. */
  static final String NO_REASON = "UNKNOWN";

  public OutcomeMinute {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(minute, "minute");
    rejected = Map.copyOf(rejected);
  }

  /** Nothing yet, in {@code appId}'s {@code minute}. */
  static OutcomeMinute empty(final String appId, final Instant minute) {
    return new OutcomeMinute(appId, minute, 0, 0, Map.of());
  }

  /** The minute {@code at} falls in. */
  static Instant minuteOf(final Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES);
  }

  /** The key of a minute's row: {@code appId|<ISO-8601 minute>}; minutes sort as text. */
  public static String key(final String appId, final Instant minute) {
    return appId + "|" + minute;
  }

  /** Every rejected event of the minute. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every event of the minute. */
  public long total() {
    return applied + duplicate + rejectedTotal();
  }

  /** This minute with one more outcome of status {@code status} (APPLIED, DUPLICATE, REJECTED). */
  OutcomeMinute with(final String status, final String reason) {
    return switch (status) {
      case "APPLIED" -> new OutcomeMinute(appId, minute, applied + 1, duplicate, rejected);
      case "DUPLICATE" -> new OutcomeMinute(appId, minute, applied, duplicate + 1, rejected);
      default -> {
        final Map<String, Long> more = new TreeMap<>(rejected);
        more.merge(reason == null || reason.isBlank() ? NO_REASON : reason, 1L, Long::sum);
        yield new OutcomeMinute(appId, minute, applied, duplicate, more);
      }
    };
  }

  /** The sum of this minute and another count of the same app and minute. */
  OutcomeMinute plus(final OutcomeMinute other) {
    if (!appId.equals(other.appId) || !minute.equals(other.minute)) {
      throw new IllegalArgumentException("cannot add " + key(other.appId, other.minute) + " to " + key(appId, minute));
    }
    final Map<String, Long> sum = new TreeMap<>(rejected);
    other.rejected.forEach((reason, n) -> sum.merge(reason, n, Long::sum));
    return new OutcomeMinute(appId, minute, applied + other.applied, duplicate + other.duplicate, sum);
  }
}

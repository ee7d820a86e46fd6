package dev.coffer.projections.console;

import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import dev.coffer.topics.CofferTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The operator console's settings, part of the projections configuration (declared on its
 * {@link ConfigSpec} by {@link #declare}, read by {@link #read}; overridden by the environment like every
 * key, e.g. {@code COFFER_PROJECTIONS_CONSOLE_ENABLED}).
 *
 * @param enabled whether {@code /console}, the app-view endpoints (revenue, outcome mix) and the
 *     dead-letter endpoints are served ({@code console.enabled}, default true)
 * @param analytics whether the aggregates behind the app view run on this instance: a Kafka Streams
 *     application of its own, {@code <application.id>-analytics} ({@code analytics.enabled}, default true;
 *     off, the app-view endpoints answer 503 {@code ANALYTICS_DISABLED})
 * @param outcomeRetention how long the outcome mix keeps its minutes ({@code analytics.outcome-retention},
 *     default 48h, at most 31 days)
 * @param flush how often each partition's partial outcome counts reach the per-app sum, and the analytics
 *     application's commit interval ({@code analytics.flush}, default 1s)
 * @param ledgerDeadLetterTopic the ledger's dead letters ({@code topics.ledger-dead-letters})
 * @param deadLetterScan records read back from the end of a dead-letter topic to answer one listing
 *     ({@code console.dead-letter-scan}, default 1000, 1 to 100000)
 */
public record ConsoleSettings(boolean enabled, boolean analytics, Duration outcomeRetention, Duration flush,
                              String ledgerDeadLetterTopic, int deadLetterScan) {
  public static final String ENABLED = "console.enabled";
  public static final String ANALYTICS_ENABLED = "analytics.enabled";
  public static final String OUTCOME_RETENTION = "analytics.outcome-retention";
  public static final String FLUSH = "analytics.flush";
  public static final String TOPIC_LEDGER_DEAD_LETTERS = "topics.ledger-dead-letters";
  public static final String DEAD_LETTER_SCAN = "console.dead-letter-scan";

  private static final Duration MAX_RETENTION = Duration.ofDays(31);

  public ConsoleSettings {
    Objects.requireNonNull(outcomeRetention, "outcomeRetention");
    Objects.requireNonNull(flush, "flush");
    Objects.requireNonNull(ledgerDeadLetterTopic, "ledgerDeadLetterTopic");
  }

  /** Declares the keys with their defaults. */
  public static ConfigSpec.Builder declare(final ConfigSpec.Builder spec) {
    return spec.key(ENABLED, "true")
        .key(ANALYTICS_ENABLED, "true")
        .key(OUTCOME_RETENTION, "48h")
        .key(FLUSH, "1s")
        .key(TOPIC_LEDGER_DEAD_LETTERS, CofferTopics.LEDGER_DEAD_LETTERS.name())
        .key(DEAD_LETTER_SCAN, "1000");
  }

  /** Reads and checks the keys; bad values are recorded on {@code v} (placeholders are returned). */
  public static ConsoleSettings read(final ConfigValues v) {
    final boolean enabled = v.bool(ENABLED);
    final boolean analytics = v.bool(ANALYTICS_ENABLED);
    final Duration retention = v.duration(OUTCOME_RETENTION);
    if (v.ok(OUTCOME_RETENTION) && (retention.compareTo(Duration.ofMinutes(1)) < 0
        || retention.compareTo(MAX_RETENTION) > 0)) {
      v.problem(OUTCOME_RETENTION, "must be between 1m and " + MAX_RETENTION.toDays() + "d");
    }
    final Duration flush = v.duration(FLUSH);
    if (v.ok(FLUSH) && (flush.compareTo(Duration.ofMillis(100)) < 0 || flush.compareTo(Duration.ofMinutes(1)) > 0)) {
      v.problem(FLUSH, "must be between 100ms and 1m");
    }
    final String deadLetters = v.kafkaName(TOPIC_LEDGER_DEAD_LETTERS);
    final int scan = v.intIn(DEAD_LETTER_SCAN, 1, 100_000);
    return new ConsoleSettings(enabled, analytics, retention, flush, deadLetters == null ? "" : deadLetters, scan);
  }
}

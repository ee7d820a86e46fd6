package dev.coffer.projections.console;

import dev.coffer.projections.analytics.AnalyticsTopology;
import dev.coffer.projections.analytics.OutcomeMinute;
import dev.coffer.projections.analytics.RevenueDay;
import dev.coffer.projections.http.Access;
import dev.coffer.projections.http.Forwarder;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.query.Route;
import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The app view's reads, under {@code /v1/apps/{appId}/analytics}, for a server key: revenue per day,
 * store and currency, and the outcome mix per minute. An app's rows live in one partition of the
 * analytics application (keyed by app), so a read is routed to the instance that owns the app, like a
 * player read, and answered with one range scan.
 */
final class AppAnalytics {
  /** The longest revenue range one read covers. */
  static final int MAX_DAYS = 366;
  private static final int DEFAULT_DAYS = 30;
  private static final int DEFAULT_MINUTES = 60;

  private final Access access;
  private final InteractiveQueries queries;
  private final boolean enabled;
  private final Forwarder forwarder;
  private final Duration retention;
  private final Clock clock;
  private final long retryAfterSeconds;

  AppAnalytics(final Access access, final InteractiveQueries queries, final boolean enabled, final Forwarder forwarder,
               final Duration retention, final Clock clock, final long retryAfterSeconds) {
    this.access = Objects.requireNonNull(access, "access");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.enabled = enabled;
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * {@code GET /v1/apps/{appId}/analytics/revenue[?from=YYYY-MM-DD&to=YYYY-MM-DD]}: revenue per UTC day,
   * store and currency from the purchase log, with refunds (priced at what the refunded units cost, on
   * the day of the refund) and reversed refunds; {@code to} defaults to today, {@code from} to 29 days
   * before {@code to}; at most {@value #MAX_DAYS} days. Days without purchases are absent. 200
   * {@link ConsoleAnswers.RevenueAnswer}; 400 {@code INVALID_DATE_RANGE}; 401, 403 {@code KEY_NOT_ALLOWED}
   * (a client key), 404 {@code UNKNOWN_APP}; 503 {@code ANALYTICS_DISABLED}, {@code REBALANCING}.
   */
  void revenue(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    access.server(appId, ctx.header("Authorization"));
    final LocalDate to = date(ctx.queryParam("to"), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    final LocalDate from = date(ctx.queryParam("from"), to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new ProblemException(400, "INVALID_DATE_RANGE",
          "from must not be after to, and the range may cover at most "
              + MAX_DAYS + " days; got " + from + " to " + to);
    }
    serve(ctx, AnalyticsTopology.REVENUE, appId, partition -> {
      final List<RevenueDay> rows = queries.range(AnalyticsTopology.REVENUE, partition,
          appId + "|" + from, appId + "|" + to + "|\uffff", Integer.MAX_VALUE);
      return ConsoleAnswers.RevenueAnswer.of(appId, from, to, rows);
    });
  }

  /**
   * {@code GET /v1/apps/{appId}/analytics/outcomes[?minutes=N]}: what the ledger did with the app's events
   * per minute (by the events' time) over the last N minutes (default 60, at most the retention,
   * {@code analytics.outcome-retention}): applied, duplicates, rejected by reason. Minutes without events
   * are absent. 200 {@link ConsoleAnswers.OutcomeMixAnswer}; 400 {@code INVALID_MINUTES}; otherwise as
   * {@link #revenue}.
   */
  void outcomes(final Context ctx) {
    final String appId = ctx.pathParam("appId");
    access.server(appId, ctx.header("Authorization"));
    final long max = retention.toMinutes();
    final long minutes = minutes(ctx.queryParam("minutes"), max);
    final Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    final Instant from = to.minus(Duration.ofMinutes(minutes - 1));
    serve(ctx, AnalyticsTopology.OUTCOME_MIX, appId, partition -> {
      final List<OutcomeMinute> rows = queries.range(AnalyticsTopology.OUTCOME_MIX, partition,
          OutcomeMinute.key(appId, from), OutcomeMinute.key(appId, to), Integer.MAX_VALUE);
      return ConsoleAnswers.OutcomeMixAnswer.of(appId, from, to, rows);
    });
  }

  private void serve(final Context ctx, final String store, final String appId, final IntFunction<Object> read) {
    if (!enabled) {
      throw ProblemException.unavailable("ANALYTICS_DISABLED", "the app view's aggregates are off on this instance "
          + "(" + ConsoleSettings.ANALYTICS_ENABLED + ")", 60);
    }
    switch (queries.route(store, appId)) {
      case Route.Remote remote -> forwarder.forward(ctx, remote.owner(), queries.self()
          .orElseThrow(() -> rebalancing("the instance is starting")));
      case Route.Unavailable unavailable -> throw rebalancing(unavailable.reason());
      case Route.Local local -> {
        final Object answer;
        try {
          answer = read.apply(local.partition());
        } catch (final InvalidStateStoreException e) {
          throw rebalancing("the store is not queryable here now: " + e.getMessage());
        }
        ConsoleJson.answer(ctx, answer);
      }
    }
  }

  private ProblemException rebalancing(final String reason) {
    return ProblemException.unavailable("REBALANCING", reason, retryAfterSeconds);
  }

  private static LocalDate date(final String value, final LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (final DateTimeParseException e) {
      throw new ProblemException(400, "INVALID_DATE_RANGE", "not a date (YYYY-MM-DD): " + value);
    }
  }

  private static long minutes(final String value, final long max) {
    if (value == null || value.isBlank()) {
      return Math.min(DEFAULT_MINUTES, max);
    }
    final long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, "INVALID_MINUTES", "minutes must be a whole number");
    }
    if (n < 1 || n > max) {
      throw new ProblemException(400, "INVALID_MINUTES", "minutes must be between 1 and " + max
          + " (" + ConsoleSettings.OUTCOME_RETENTION + ")");
    }
    return n;
  }
}

package dev.coffer.projections.console;

import dev.coffer.projections.analytics.OutcomeMinute;
import dev.coffer.projections.analytics.RevenueDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON bodies of the app view's endpoints. Money is a decimal string, never a binary floating point. */
public final class ConsoleAnswers {
  private ConsoleAnswers() {
  }

  /**
   * Revenue of an app over a range of days.
   *
   * @param appId the app
   * @param from the first day (UTC)
   * @param to the last day
   * @param days one row per day, store and currency that had a purchase, refund or reversal, by day
   * @param totals the range's sums per currency ({@code null}: purchases without a price)
   */
  public record RevenueAnswer(String appId, LocalDate from, LocalDate to, List<RevenueRow> days,
                              List<RevenueRow> totals) {
    static RevenueAnswer of(final String appId, final LocalDate from, final LocalDate to, final List<RevenueDay> rows) {
      final Map<String, RevenueDay> byCurrency = new TreeMap<>();
      for (final RevenueDay r : rows) {
        byCurrency.merge(r.currency() == null ? "" : r.currency(), r, ConsoleAnswers::sum);
      }
      return new RevenueAnswer(appId, from, to, rows.stream().map(RevenueRow::of).toList(),
          byCurrency.values().stream().map(r -> RevenueRow.of(r).total()).toList());
    }
  }

  /**
   * One day, store and currency (or, in totals, one currency over the range: day and store null).
   *
   * @param day the UTC day
   * @param store the store
   * @param currency ISO 4217 code, or {@code null} for purchases without a price
   * @param purchases purchases
   * @param gross what they cost
   * @param refunds refunds, chargebacks and revocations
   * @param refunded what the refunded units had cost
   * @param reinstatements reversed refunds
   * @param reinstated what the reinstated units cost
   * @param net gross less refunded plus reinstated
   */
  public record RevenueRow(String day, String store, String currency, long purchases, String gross, long refunds,
                           String refunded, long reinstatements, String reinstated, String net) {
    static RevenueRow of(final RevenueDay r) {
      return new RevenueRow(r.day(), r.store(), r.currency(), r.purchases(), money(r.gross()), r.refunds(),
          money(r.refunded()), r.reinstatements(), money(r.reinstated()), money(r.net()));
    }

    RevenueRow total() {
      return new RevenueRow(null, null, currency, purchases, gross, refunds, refunded, reinstatements, reinstated,
          net);
    }
  }

  /**
   * The outcome mix of an app over the last minutes.
   *
   * @param appId the app
   * @param from the first minute (UTC)
   * @param to the last minute (the current one, still counting)
   * @param minutes one row per minute that had events, oldest first
   * @param applied events applied over the range
   * @param duplicate duplicates over the range
   * @param rejected rejections over the range, by reason
   */
  public record OutcomeMixAnswer(String appId, Instant from, Instant to, List<MinuteRow> minutes, long applied,
                                 long duplicate, Map<String, Long> rejected) {
    static OutcomeMixAnswer of(final String appId, final Instant from, final Instant to,
                               final List<OutcomeMinute> rows) {
      long applied = 0;
      long duplicate = 0;
      final Map<String, Long> rejected = new TreeMap<>();
      final List<MinuteRow> minutes = new ArrayList<>(rows.size());
      for (final OutcomeMinute m : rows) {
        applied += m.applied();
        duplicate += m.duplicate();
        m.rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
        minutes.add(new MinuteRow(m.minute(), m.total(), m.applied(), m.duplicate(), m.rejectedTotal(),
            new TreeMap<>(m.rejected())));
      }
      return new OutcomeMixAnswer(appId, from, to, minutes, applied, duplicate, rejected);
    }
  }

  /**
   * One minute of an app's events.
   *
   * @param minute its start (UTC)
   * @param events every event of the minute: the event rate
   * @param applied applied
   * @param duplicate duplicates
   * @param rejected rejected
   * @param reasons rejections by reason code
   */
  public record MinuteRow(Instant minute, long events, long applied, long duplicate, long rejected,
                          Map<String, Long> reasons) {
  }

  private static RevenueDay sum(final RevenueDay a, final RevenueDay b) {
    return new RevenueDay(a.appId(), a.day(), a.store(), a.currency(), a.purchases() + b.purchases(),
        a.gross().add(b.gross()), a.refunds() + b.refunds(), a.refunded().add(b.refunded()),
        a.reinstatements() + b.reinstatements(), a.reinstated().add(b.reinstated()));
  }

  private static String money(final BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }
}

package dev.coffer.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.projections.Outcomes;
import dev.coffer.projections.ProjectionTopics;
import dev.coffer.registry.InMemorySchemaRegistry;
import dev.coffer.topics.TypedTopics;
import dev.coffer.topics.ValueSerdes;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.EventType;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app view's aggregates on the topology test driver: revenue with priced refunds, the outcome mix per minute. */
class AnalyticsTopologyTest {
  private static final String APP = "game-1";
  private static final Instant NOW = Outcomes.T0.plusSeconds(120);
  private static final Duration RETENTION = Duration.ofHours(1);

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, LedgerOutcome> outcomes;
  private TestInputTopic<String, PurchaseLogEntry> purchaseLog;

  @BeforeEach
  void start() {
    final ProjectionTopics topics = topics();
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(AnalyticsTopology.build(topics, new AnalyticsTopology.Settings(RETENTION,
        Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC))), props, NOW);
    outcomes = driver.createInputTopic("outcomes", new StringSerializer(), topics.outcomes().valueSerde().serializer());
    purchaseLog = driver.createInputTopic("purchase-log", new StringSerializer(),
        topics.purchaseLog().valueSerde().serializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void revenueSumsPurchasesPerDayStoreAndCurrencyAndPricesRefundsAtWhatTheRefundedUnitsCost() {
    purchaseLog.pipeInput(APP + "|a", purchase("a", "GPA.1", Store.GOOGLE_PLAY, "9.990000", "EUR", 3, Outcomes.T0));
    purchaseLog.pipeInput(APP + "|b", purchase("b", "GPA.2", Store.GOOGLE_PLAY, "4.990000", "EUR", 1, Outcomes.T0));
    purchaseLog.pipeInput(APP + "|b", purchase("b", "APL.1", Store.APPLE_APP_STORE, "1.99", "USD", 1, Outcomes.T0));
    // One of three units refunded the next day: a third of the price, on the refund's day.
    final Instant nextDay = Outcomes.T0.plus(Duration.ofDays(1));
    purchaseLog.pipeInput(APP + "|a", revocation("a", "GPA.1", Store.GOOGLE_PLAY, 1, nextDay));
    // A refund of a purchase without a price is counted without an amount.
    purchaseLog.pipeInput(APP + "|c", purchase("c", "T.1", Store.TEST, null, null, 1, Outcomes.T0));
    purchaseLog.pipeInput(APP + "|c", revocation("c", "T.1", Store.TEST, 1, nextDay));

    final KeyValueStore<String, RevenueDay> revenue = driver.getKeyValueStore(AnalyticsTopology.REVENUE);
    final RevenueDay eur = revenue.get(APP + "|2026-03-01|GOOGLE_PLAY|EUR");
    assertThat(eur.purchases()).isEqualTo(2);
    assertThat(eur.gross()).isEqualByComparingTo("14.98");
    assertThat(eur.refunds()).isZero();
    final RevenueDay refundDay = revenue.get(APP + "|2026-03-02|GOOGLE_PLAY|EUR");
    assertThat(refundDay.purchases()).isZero();
    assertThat(refundDay.refunds()).isEqualTo(1);
    assertThat(refundDay.refunded()).isEqualByComparingTo("3.33");
    assertThat(refundDay.net()).isEqualByComparingTo("-3.33");
    assertThat(revenue.get(APP + "|2026-03-01|APPLE_APP_STORE|USD").gross()).isEqualByComparingTo("1.99");
    assertThat(revenue.get(APP + "|2026-03-01|TEST|-").purchases()).isEqualTo(1);
    assertThat(revenue.get(APP + "|2026-03-02|TEST|-").refunds()).isEqualTo(1);
  }

  @Test
  void aReversedRefundCountsItsUnitsAsSoldAgain() {
    purchaseLog.pipeInput(APP + "|a", purchase("a", "APL.9", Store.APPLE_APP_STORE, "2.00", "USD", 2, Outcomes.T0));
    purchaseLog.pipeInput(APP + "|a", revocation("a", "APL.9", Store.APPLE_APP_STORE, 2, Outcomes.T0));
    purchaseLog.pipeInput(APP + "|a", PurchaseLogEntry.newBuilder(purchase("a", "APL.9", Store.APPLE_APP_STORE, null,
        null, 2, Outcomes.T0)).setReinstatement(true).build());

    final RevenueDay day = driver.<String, RevenueDay>getKeyValueStore(AnalyticsTopology.REVENUE)
        .get(APP + "|2026-03-01|APPLE_APP_STORE|USD");
    assertThat(day.purchases()).isEqualTo(1);
    assertThat(day.refunded()).isEqualByComparingTo("2.00");
    assertThat(day.reinstatements()).isEqualTo(1);
    assertThat(day.net()).isEqualByComparingTo("2.00");
  }

  @Test
  void theOutcomeMixCountsEachAppsMinuteOnceThePartialsAreFlushed() {
    outcomes.pipeInput(APP + "|a", Outcomes.coins(APP, "a", 1, 10, 10));
    outcomes.pipeInput(APP + "|b", Outcomes.coins(APP, "b", 1, 10, 10));
    outcomes.pipeInput(APP + "|a", Outcomes.rejected(APP, "a", 1, "INSUFFICIENT_FUNDS"));
    outcomes.pipeInput(APP + "|a", Outcomes.applied(APP, "a", EventType.GRANT_ISSUED, 1)
        .setStatus(OutcomeStatus.DUPLICATE).build());
    outcomes.pipeInput("other|z", Outcomes.rejected("other", "z", 1, "NOT_OWNED"));
    final KeyValueStore<String, OutcomeMinute> mix = driver.getKeyValueStore(AnalyticsTopology.OUTCOME_MIX);
    assertThat(mix.get(OutcomeMinute.key(APP, Outcomes.T0))).as("not flushed yet").isNull();

    driver.advanceWallClockTime(Duration.ofSeconds(1));

    final OutcomeMinute minute = mix.get(OutcomeMinute.key(APP, Outcomes.T0));
    assertThat(minute.applied()).isEqualTo(2);
    assertThat(minute.duplicate()).isEqualTo(1);
    assertThat(minute.rejected()).isEqualTo(Map.of("INSUFFICIENT_FUNDS", 1L));
    assertThat(minute.total()).isEqualTo(4);
    assertThat(mix.get(OutcomeMinute.key("other", Outcomes.T0)).rejected()).isEqualTo(Map.of("NOT_OWNED", 1L));
    assertThat(driver.<String, OutcomeMinute>getKeyValueStore(AnalyticsTopology.OUTCOME_PARTIALS)
        .approximateNumEntries())
        .as("partials are forgotten once sent").isZero();

    // A later flush adds to the same minute.
    outcomes.pipeInput(APP + "|a", Outcomes.coins(APP, "a", 2, 10, 20));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(mix.get(OutcomeMinute.key(APP, Outcomes.T0)).applied()).isEqualTo(3);
  }

  @Test
  void outcomesOlderThanTheRetentionAreNotCounted() {
    outcomes.pipeInput(APP + "|a", Outcomes.applied(APP, "a", EventType.GRANT_ISSUED, 1)
        .setOccurredAt(NOW.minus(RETENTION).minusSeconds(120)).build());
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(driver.<String, OutcomeMinute>getKeyValueStore(AnalyticsTopology.OUTCOME_MIX).approximateNumEntries())
        .isZero();
  }

  @Test
  void everyStoreAndInternalTopicIsNamed() {
    final String described = AnalyticsTopology.build(topics(), new AnalyticsTopology.Settings(RETENTION,
        Duration.ofSeconds(1), Clock.systemUTC())).describe().toString();
    assertThat(described).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
        .contains("analytics-revenue-by-app", "analytics-outcomes-by-app", AnalyticsTopology.REVENUE,
            AnalyticsTopology.OUTCOME_MIX);
  }

  private static ProjectionTopics topics() {
    final TypedTopics typed = new TypedTopics(ValueSerdes.registry(new InMemorySchemaRegistry(), true));
    return new ProjectionTopics(typed.ledgerOutcomes().named("outcomes"), typed.purchaseLog().named("purchase-log"),
        typed.purchaseIndex().named("purchase-index"), typed.webhookDeliveries().named("webhook-deliveries"));
  }

  private static PurchaseLogEntry purchase(final String ref, final String transaction, final Store store,
                                           final String price, final String currency, final long quantity,
                                           final Instant at) {
    return PurchaseLogEntry.newBuilder().setAppId(APP).setPlayerRef(ref).setEventId(UUID.randomUUID().toString())
        .setEntryType(PurchaseLogEntryType.PURCHASE).setLoggedAt(at).setStore(store).setMarketOrderId(transaction)
        .setQuantity(quantity).setCurrency(currency)
        .setPrice(price == null ? null : new BigDecimal(price).setScale(6)).setPurchaseCount(1).build();
  }

  private static PurchaseLogEntry revocation(final String ref, final String transaction, final Store store,
                                             final long units, final Instant at) {
    return PurchaseLogEntry.newBuilder().setAppId(APP).setPlayerRef(ref).setEventId(UUID.randomUUID().toString())
        .setEntryType(PurchaseLogEntryType.REVOCATION).setLoggedAt(at).setStore(store).setMarketOrderId(transaction)
        .setQuantity(units).setRevocationReason(RevocationReason.REFUND).setPurchaseCount(1).build();
  }
}

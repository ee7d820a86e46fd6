package dev.coffer.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.history.HistoryKeys;
import dev.coffer.projections.inventory.Instance;
import dev.coffer.projections.players.PlayerStatus;
import dev.coffer.projections.players.PlayerViews;
import dev.coffer.projections.players.RecentViews;
import dev.coffer.projections.players.ViewListener;
import dev.coffer.projections.purchases.Purchase;
import dev.coffer.projections.purchases.Subscription;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.store.PlayerRows;
import dev.coffer.projections.wallet.Balance;
import dev.coffer.projections.wallet.Wallet;
import dev.coffer.registry.InMemorySchemaRegistry;
import dev.coffer.keys.PurchaseIndexKey;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.EventType;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.RevocationReason;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceStatus;
import dev.coffer.service.outcome.OutcomeJson;
import dev.coffer.topics.TypedTopics;
import dev.coffer.topics.ValueSerdes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionTopologyTest {
  private static final String APP = "game-1";
  private static final String REF = "ref-A";
  private static final String KEY = APP + "|" + REF;

  @TempDir
  Path stateDir;

  private final List<String> written = new ArrayList<>();
  private final InteractiveQueries queries = new InteractiveQueries();
  private final RecentViews recent = new RecentViews(100);
  private TopologyTestDriver driver;
  private TestInputTopic<String, LedgerOutcome> outcomes;
  private TestInputTopic<String, PurchaseLogEntry> purchaseLog;
  private TestInputTopic<String, PurchaseIndexEntry> purchaseIndex;

  @BeforeEach
  void start() {
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final TypedTopics typed = new TypedTopics(ValueSerdes.registry(registry, true));
    final ProjectionTopics topics = new ProjectionTopics(typed.ledgerOutcomes().named("outcomes"),
        typed.purchaseLog().named("purchase-log"), typed.purchaseIndex().named("purchase-index"),
        typed.webhookDeliveries().named("webhook-deliveries"));
    final ViewListener listener = (playerKey, status, outcome) -> written.add(playerKey + "@" + status.version());
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projections-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.putAll(ProjectionTopology.REQUIRED_CONFIG);
    driver = new TopologyTestDriver(ProjectionTopology.build(topics, listener, queries, recent), props);
    outcomes = driver.createInputTopic("outcomes", new StringSerializer(), topics.outcomes().valueSerde().serializer());
    purchaseLog = driver.createInputTopic("purchase-log", new StringSerializer(),
        topics.purchaseLog().valueSerde().serializer());
    purchaseIndex = driver.createInputTopic("purchase-index", new StringSerializer(),
        topics.purchaseIndex().valueSerde().serializer());
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void interactiveQueriesReadTheRunningTasksStoresUntilTheTaskCloses() {
    outcomes.pipeInput(KEY, Outcomes.coins(APP, REF, 1, 100, 100));

    // Never attached to a KafkaStreams: only the stores the processor said are live can answer.
    assertThat(queries.<PlayerViews>get(ProjectionStores.PLAYERS, 0, KEY).wallet().balances())
        .containsExactly(Balance.of("coins", 100));
    assertThat(queries.<PlayerViews>get(ProjectionStores.PLAYERS, 0, KEY).status().version()).isEqualTo(1);
    assertThat(queries.<HistoryEntry>range(ProjectionStores.HISTORY, 0, HistoryKeys.first(KEY),
        HistoryKeys.last(KEY), 10)).extracting(HistoryEntry::version).containsExactly(1L);
    driver.close();
    driver = null;

    assertThatThrownBy(() -> queries.get(ProjectionStores.PLAYERS, 0, KEY))
        .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("starting");
  }

  @Test
  void recentViewsHoldWhatTheStoreHoldsForTheirTaskUntilItCloses() {
    outcomes.pipeInput(KEY, Outcomes.coins(APP, REF, 1, 100, 100));
    assertThat(recent.get(0, KEY).status().version()).isEqualTo(1);
    outcomes.pipeInput(KEY, Outcomes.applied(APP, REF, EventType.CURRENCY_SPENT, 2)
        .setBalances(List.of(new BalanceChange("coins", -30L, 70L))).build());
    // A rejection changes no view: what is kept stays the store's value.
    outcomes.pipeInput(KEY, Outcomes.rejected(APP, REF, 2, "INSUFFICIENT_FUNDS"));

    final PlayerViews stored = this.<PlayerViews>store(ProjectionStores.PLAYERS).get(KEY);
    assertThat(stored.status().version()).isEqualTo(2);
    assertThat(recent.get(0, KEY)).isEqualTo(stored);
    // Kept for the task that wrote it: a read routed to another partition's task finds nothing.
    assertThat(recent.get(1, KEY)).isNull();
    assertThat(recent.get(0, APP + "|never-written")).isNull();
    driver.close();
    driver = null;

    assertThat(recent.get(0, KEY)).isNull();
    assertThat(recent.size()).isZero();
  }

  @Test
  void walletVersionHistoryAndOutcomeFollowEachAppliedOutcome() {
    final LedgerOutcome grant = Outcomes.coins(APP, REF, 1, 100, 100);
    final LedgerOutcome spend = Outcomes.applied(APP, REF, EventType.CURRENCY_SPENT, 2)
        .setBalances(List.of(new BalanceChange("coins", -30L, 70L))).build();
    outcomes.pipeInput(KEY, grant);
    outcomes.pipeInput(KEY, spend);

    assertThat(this.<PlayerViews>store(ProjectionStores.PLAYERS).get(KEY)).isEqualTo(new PlayerViews(
        new PlayerStatus(2, false, null), new Wallet(2, List.of(Balance.of("coins", 70)))));
    assertThat(history(KEY)).extracting(HistoryEntry::version, HistoryEntry::eventId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, grant.getEventId().toString()),
            org.assertj.core.groups.Tuple.tuple(2L, spend.getEventId().toString()));
    assertThat(eventOutcome(spend.getEventId().toString()).version()).isEqualTo(2L);
    assertThat(written).containsExactly(KEY + "@1", KEY + "@2");
  }

  @Test
  void rejectedAndDuplicateOutcomesAreOnlyLookedUpByEventId() {
    outcomes.pipeInput(KEY, Outcomes.coins(APP, REF, 1, 100, 100));
    final LedgerOutcome rejected = Outcomes.rejected(APP, REF, 1, "INSUFFICIENT_FUNDS");
    outcomes.pipeInput(KEY, rejected);

    assertThat(this.<PlayerViews>store(ProjectionStores.PLAYERS).get(KEY).status().version()).isEqualTo(1);
    assertThat(history(KEY)).hasSize(1);
    // The applied outcome's eventId is its history entry's; only the other one needs a row for erasure.
    assertThat(this.<String>rows(ProjectionStores.PLAYER_EVENTS, KEY)).hasSize(1);
    final OutcomeJson answer = eventOutcome(rejected.getEventId().toString());
    assertThat(answer.status()).isEqualTo("REJECTED");
    assertThat(answer.reason()).isEqualTo("INSUFFICIENT_FUNDS");
  }

  @Test
  void aReplayedOutcomeNeverMovesViewsBack() {
    final LedgerOutcome first = Outcomes.coins(APP, REF, 1, 100, 100);
    outcomes.pipeInput(KEY, first);
    outcomes.pipeInput(KEY, Outcomes.coins(APP, REF, 2, 50, 150));
    outcomes.pipeInput(KEY, first);

    assertThat(this.<PlayerViews>store(ProjectionStores.PLAYERS).get(KEY).wallet().balances())
        .containsExactly(Balance.of("coins", 150));
    assertThat(history(KEY)).hasSize(2);
  }

  @Test
  void inventoryRowsHoldActiveInstancesAndSubscriptionAndPurchaseRowsKeepTheirStatus() {
    outcomes.pipeInput(KEY, Outcomes.items(APP, REF, EventType.GRANT_ISSUED, 1,
        Outcomes.instance("i-1", "sword", 1, InstanceStatus.ACTIVE).build(),
        Outcomes.instance("i-2", "potion", 3, InstanceStatus.ACTIVE).build()));
    outcomes.pipeInput(KEY, Outcomes.items(APP, REF, EventType.ITEM_CONSUMED, 2,
        Outcomes.instance("i-2", "potion", 0, InstanceStatus.CONSUMED).build()));
    final LedgerOutcome bought = Outcomes.items(APP, REF, EventType.PURCHASE_VERIFIED, 3,
        Outcomes.subscription("s-1", SubscriptionStatus.ACTIVE));
    outcomes.pipeInput(KEY, bought);
    outcomes.pipeInput(KEY, Outcomes.items(APP, REF, EventType.SUBSCRIPTION_UPDATED, 4,
        Outcomes.subscription("s-1", SubscriptionStatus.IN_GRACE_PERIOD)));
    purchaseLog.pipeInput(KEY, Outcomes.purchaseLog(APP, REF, bought.getEventId().toString()));

    assertThat(this.<Instance>rows(ProjectionStores.INVENTORIES, KEY)).extracting(Instance::instanceId)
        .containsExactly("i-1", "s-1");
    assertThat(this.<Subscription>rows(ProjectionStores.SUBSCRIPTIONS, KEY)).singleElement()
        .satisfies(sub -> assertThat(sub.reportedStatus()).isEqualTo("IN_GRACE_PERIOD"));
    assertThat(this.<Purchase>rows(ProjectionStores.PURCHASES, KEY)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(Purchase.PURCHASED);
      assertThat(p.price()).isEqualTo("4.990000");
      assertThat(p.country()).isEqualTo("DE");
      assertThat(p.log()).hasSize(1);
    });
  }

  @Test
  void aPurchaseThatGaveOnlyCurrencyIsListedAndFollowsItsRefundsAndTheirReversal() {
    final PurchaseLogEntry bought = PurchaseLogEntry.newBuilder(Outcomes.purchaseLog(APP, REF, "e-buy"))
        .setMarketOrderId("GPA.9").setProductId("gems_500").setProductType(ProductType.CONSUMABLE)
        .setQuantity(4).build();
    purchaseLog.pipeInput(KEY, bought);
    final PurchaseLogEntry partial = PurchaseLogEntry.newBuilder(bought).setEventId("e-refund-1")
        .setEntryType(PurchaseLogEntryType.REVOCATION).setQuantity(1).setRevocationReason(RevocationReason.REFUND)
        .setLoggedAt(Outcomes.T0.plusSeconds(60)).build();
    purchaseLog.pipeInput(KEY, partial);
    purchaseLog.pipeInput(KEY, partial); // read twice: at-least-once

    assertThat(this.<Purchase>rows(ProjectionStores.PURCHASES, KEY)).singleElement().satisfies(p -> {
      assertThat(p.transactionId()).isEqualTo("GPA.9");
      assertThat(p.status()).isEqualTo(Purchase.PARTIALLY_REFUNDED);
      assertThat(p.refundedQuantity()).isEqualTo(1);
      assertThat(p.revocationReason()).isEqualTo("REFUND");
    });
    purchaseLog.pipeInput(KEY, PurchaseLogEntry.newBuilder(partial).setEventId("e-refund-2").setQuantity(3)
        .setLoggedAt(Outcomes.T0.plusSeconds(120)).build());
    assertThat(this.<Purchase>rows(ProjectionStores.PURCHASES, KEY)).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(Purchase.REFUNDED));
    purchaseLog.pipeInput(KEY, PurchaseLogEntry.newBuilder(bought).setEventId("e-reversed").setReinstatement(true)
        .setLoggedAt(Outcomes.T0.plusSeconds(180)).build());
    assertThat(this.<Purchase>rows(ProjectionStores.PURCHASES, KEY)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(Purchase.PURCHASED);
      assertThat(p.refundedQuantity()).isZero();
      assertThat(p.log()).hasSize(4);
    });
  }

  @Test
  void aSubscriptionPastItsExpiryReadsExpiredWithoutANotification() {
    outcomes.pipeInput(KEY, Outcomes.items(APP, REF, EventType.PURCHASE_VERIFIED, 1,
        Outcomes.subscription("s-1", SubscriptionStatus.ACTIVE)));
    final Subscription sub = this.<Subscription>rows(ProjectionStores.SUBSCRIPTIONS, KEY).getFirst();

    assertThat(sub.entitled(Outcomes.T0.plusSeconds(60))).isTrue();
    assertThat(sub.status(Outcomes.T0.plusSeconds(60))).isEqualTo("ACTIVE");
    assertThat(sub.entitled(sub.expiresAt())).isFalse();
    assertThat(sub.status(sub.expiresAt().plusSeconds(1))).isEqualTo("EXPIRED");
  }

  @Test
  void erasureDropsEveryViewAndEveryEarlierOutcomeOfThePlayer() {
    final LedgerOutcome grant = Outcomes.coins(APP, REF, 1, 100, 100);
    final LedgerOutcome rejected = Outcomes.rejected(APP, REF, 1, "INSUFFICIENT_FUNDS");
    final LedgerOutcome other = Outcomes.coins(APP, "ref-B", 1, 5, 5);
    final LedgerOutcome bought = Outcomes.items(APP, REF, EventType.PURCHASE_VERIFIED, 2,
        Outcomes.subscription("s-1", SubscriptionStatus.ACTIVE));
    outcomes.pipeInput(KEY, grant);
    outcomes.pipeInput(KEY, rejected);
    outcomes.pipeInput(APP + "|ref-B", other);
    outcomes.pipeInput(KEY, bought);
    purchaseLog.pipeInput(KEY, Outcomes.purchaseLog(APP, REF, bought.getEventId().toString()));
    final LedgerOutcome erase = Outcomes.applied(APP, REF, EventType.PLAYER_ERASED, 3).build();
    outcomes.pipeInput(KEY, erase);
    // Late entries of an erased player are dropped.
    purchaseLog.pipeInput(KEY, Outcomes.purchaseLog(APP, REF, bought.getEventId().toString()));

    final PlayerViews views = this.<PlayerViews>store(ProjectionStores.PLAYERS).get(KEY);
    assertThat(views.status().erased()).isTrue();
    assertThat(views.status().version()).isEqualTo(3);
    assertThat(recent.get(0, KEY)).isEqualTo(views);
    assertThat(views.wallet()).isEqualTo(Wallet.EMPTY);
    assertThat(this.<String>rows(ProjectionStores.PLAYER_EVENTS, KEY)).isEmpty();
    assertThat(this.<Instance>rows(ProjectionStores.INVENTORIES, KEY)).isEmpty();
    assertThat(this.<Purchase>rows(ProjectionStores.PURCHASES, KEY)).isEmpty();
    assertThat(this.<Subscription>rows(ProjectionStores.SUBSCRIPTIONS, KEY)).isEmpty();
    assertThat(history(KEY)).isEmpty();
    assertThat(eventOutcome(grant.getEventId().toString())).isNull();
    assertThat(eventOutcome(rejected.getEventId().toString())).isNull();
    assertThat(eventOutcome(bought.getEventId().toString())).isNull();
    assertThat(eventOutcome(erase.getEventId().toString()).eventType()).isEqualTo("PLAYER_ERASED");
    assertThat(eventOutcome(other.getEventId().toString())).isNotNull();
    assertThat(history(APP + "|ref-B")).hasSize(1);
  }

  @Test
  void everyStoreProcessorAndTopicIsExplicitlyNamed() {
    final Topology topology = ProjectionTopology.build(ProjectionTopics.coffer(new InMemorySchemaRegistry()),
        ViewListener.NONE);
    final TopologyDescription description = topology.describe();
    final List<String> names = new ArrayList<>();
    description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
      names.add(n.name());
      if (n instanceof TopologyDescription.Processor p) {
        names.addAll(p.stores());
      }
    }));
    assertThat(names).noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-"));
    assertThat(names).containsAll(ProjectionStores.all());
    assertThat(description.subtopologies()).hasSize(3);
  }

  @Test
  void thePurchaseIndexIsATableOfItsTopicWithoutAChangelogCopy() {
    final PurchaseIndexEntry entry = PurchaseIndexEntry.newBuilder().setAppId(APP).setPlayerRef(REF)
        .setStore(Store.GOOGLE_PLAY).setTransactionId("GPA.1").setPurchaseToken("token-1").setProductId("gems")
        .setProductType(ProductType.CONSUMABLE).setQuantity(2).setPurchasedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .setEventId("e-1").build();
    final String byToken = PurchaseIndexKey.of(APP, Store.GOOGLE_PLAY, "token-1");
    purchaseIndex.pipeInput(PurchaseIndexKey.of(APP, Store.GOOGLE_PLAY, "GPA.1"), entry);
    purchaseIndex.pipeInput(byToken, entry);

    final KeyValueStore<String, ValueAndTimestamp<PurchaseIndexEntry>> index =
        driver.getTimestampedKeyValueStore(ProjectionStores.PURCHASE_INDEX);
    assertThat(index.get(byToken).value()).isEqualTo(entry);
    assertThat(index.get(PurchaseIndexKey.of(APP, Store.APPLE_APP_STORE, "token-1"))).isNull();
    outcomes.pipeInput(KEY, Outcomes.coins(APP, REF, 1, 100, 100));
    // reuse.ktable.source.topics: the compacted index topic is the changelog; nothing is copied. The
    // event-outcome table behind the repartition topic (purged after each commit) keeps its own changelog.
    assertThat(driver.producedTopicNames()).noneMatch(t -> t.contains(ProjectionStores.PURCHASE_INDEX))
        .anyMatch(t -> t.endsWith(ProjectionStores.EVENT_OUTCOMES + "-changelog"));
  }

  private <V> KeyValueStore<String, V> store(final String name) {
    return driver.getKeyValueStore(name);
  }

  private <V> List<V> rows(final String store, final String playerKey) {
    final List<V> values = new ArrayList<>();
    try (KeyValueIterator<String, V> it = this.<V>store(store).range(PlayerRows.first(playerKey),
        PlayerRows.last(playerKey))) {
      it.forEachRemaining(kv -> values.add(kv.value));
    }
    return values;
  }

  private List<HistoryEntry> history(final String playerKey) {
    final List<HistoryEntry> entries = new ArrayList<>();
    try (KeyValueIterator<String, HistoryEntry> it = this.<HistoryEntry>store(ProjectionStores.HISTORY)
        .range(HistoryKeys.first(playerKey), HistoryKeys.last(playerKey))) {
      it.forEachRemaining((KeyValue<String, HistoryEntry> kv) -> entries.add(kv.value));
    }
    return entries;
  }

  private OutcomeJson eventOutcome(final String eventId) {
    final KeyValueStore<String, ValueAndTimestamp<OutcomeJson>> store =
        driver.getTimestampedKeyValueStore(ProjectionStores.EVENT_OUTCOMES);
    final ValueAndTimestamp<OutcomeJson> value = store.get(eventId);
    return value == null ? null : value.value();
  }
}

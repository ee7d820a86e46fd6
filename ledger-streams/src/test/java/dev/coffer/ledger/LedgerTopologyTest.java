package dev.coffer.ledger;

import static dev.coffer.ledger.Events.consume;
import static dev.coffer.ledger.Events.erase;
import static dev.coffer.ledger.Events.grant;
import static dev.coffer.ledger.Events.grants;
import static dev.coffer.ledger.Events.id;
import static dev.coffer.ledger.Events.item;
import static dev.coffer.ledger.Events.permanent;
import static dev.coffer.ledger.Events.playerEvent;
import static dev.coffer.ledger.Events.playerKey;
import static dev.coffer.ledger.Events.purchase;
import static dev.coffer.ledger.Events.purchaseEvent;
import static dev.coffer.ledger.Events.revoke;
import static dev.coffer.ledger.Events.spend;
import static dev.coffer.ledger.Events.subscriptionUpdate;
import static dev.coffer.ledger.Events.systemEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.deadletter.DeadLetterHeaders;
import dev.coffer.ledger.inventory.InstanceIds;
import dev.coffer.ledger.dedupe.DedupeRecordCodec;
import dev.coffer.ledger.fold.FoldCodecs;
import dev.coffer.ledger.fold.Limits;
import dev.coffer.ledger.fold.PlayerState;
import dev.coffer.ledger.store.StoreCodec;
import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.keys.DedupeKey;
import dev.coffer.registry.InMemorySchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseIndexEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.analytics.PurchaseLogEntryType;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.ItemConsumed;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.ledger.SubscriptionStatus;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.outcome.RejectionReason;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceStatus;
import dev.coffer.schemas.state.InventoryChange;
import dev.coffer.schemas.state.WalletChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTopologyTest {
  private static final String P1 = "player-1";
  private static final String P2 = "player-2";

  @TempDir
  Path stateDir;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final LedgerTopics topics = LedgerTopics.withRegistry(registry);
  private final RecordingObserver observer = new RecordingObserver();
  private TopologyTestDriver driver;
  private TestInputTopic<String, LedgerEvent> events;
  private TestInputTopic<byte[], byte[]> rawEvents;
  private TestInputTopic<String, SequencedEvent> sequenceInput;
  private TestInputTopic<byte[], byte[]> rawSequence;
  private TestOutputTopic<String, SequencedEvent> sequence;
  private TestOutputTopic<String, LedgerOutcome> outcomes;
  private TestOutputTopic<String, WalletChange> walletChanges;
  private TestOutputTopic<String, InventoryChange> inventoryChanges;
  private TestOutputTopic<String, PurchaseLogEntry> purchaseLog;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private TestOutputTopic<String, PurchaseIndexEntry> purchaseIndex;

  /** Records what the topology reports. */
  static final class RecordingObserver implements LedgerObserver {
    final List<String> outcomes = new ArrayList<>();
    final List<String> deadLetters = new ArrayList<>();
    final List<String> redeliveries = new ArrayList<>();

    @Override
    public void onOutcome(final String appId, final String status, final String reason) {
      outcomes.add(appId + ":" + status + ":" + reason);
    }

    @Override
    public void onDeadLetter(final String reason) {
      deadLetters.add(reason);
    }

    @Override
    public void onRedelivery(final String appId) {
      redeliveries.add(appId);
    }
  }

  @BeforeEach
  void start() {
    driver = newDriver("ledger-test", stateDir.resolve("a"));
    start(driver);
  }

  private void start(final TopologyTestDriver driver) {
    events = driver.createInputTopic(topics.events().name(), new StringSerializer(),
        topics.events().valueSerde().serializer());
    rawEvents = driver.createInputTopic(topics.events().name(), new ByteArraySerializer(), new ByteArraySerializer());
    sequenceInput = driver.createInputTopic(topics.sequence().name(), new StringSerializer(),
        topics.sequence().valueSerde().serializer());
    rawSequence = driver.createInputTopic(topics.sequence().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    sequence = driver.createOutputTopic(topics.sequence().name(), new StringDeserializer(),
        topics.sequence().valueSerde().deserializer());
    outcomes = driver.createOutputTopic(topics.outcomes().name(), new StringDeserializer(),
        topics.outcomes().valueSerde().deserializer());
    walletChanges = driver.createOutputTopic(topics.walletChanges().name(), new StringDeserializer(),
        topics.walletChanges().valueSerde().deserializer());
    inventoryChanges = driver.createOutputTopic(topics.inventoryChanges().name(), new StringDeserializer(),
        topics.inventoryChanges().valueSerde().deserializer());
    purchaseLog = driver.createOutputTopic(topics.purchaseLog().name(), new StringDeserializer(),
        topics.purchaseLog().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    purchaseIndex = driver.createOutputTopic(topics.purchaseIndex().name(), new StringDeserializer(),
        topics.purchaseIndex().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private TopologyTestDriver newDriver(final String applicationId, final Path dir) {
    return newDriver(applicationId, dir, Limits.DEFAULTS);
  }

  private TopologyTestDriver newDriver(final String applicationId, final Path dir, final Limits limits) {
    final Properties props = new Properties();
    props.putAll(LedgerTopology.REQUIRED_CONFIG);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    return new TopologyTestDriver(LedgerTopology.build(topics, observer, limits), props, Events.T0);
  }

  /**
   * Submits an event the way the gateway does: a receipt to the events topic (judged by the receipt
   * stage), a player-scoped event straight to the sequence log, UNJUDGED.
   */
  private LedgerOutcome send(final LedgerEvent event) {
    if (DedupeKey.parse(event.getDedupeKey()).orElseThrow().playerScoped()) {
      sequenceInput.pipeInput(playerKey(event.getPlayerRef()), unjudged(event), event.getOccurredAt());
    } else {
      events.pipeInput(event.getDedupeKey(), event, event.getOccurredAt());
    }
    return readOutcome(event);
  }

  /** Submits an event the way another producer may: to the events topic, whatever its key. */
  private LedgerOutcome sendViaEvents(final LedgerEvent event) {
    events.pipeInput(event.getDedupeKey(), event, event.getOccurredAt());
    return readOutcome(event);
  }

  private static SequencedEvent unjudged(final LedgerEvent event) {
    return SequencedEvent.newBuilder().setVerdict(DedupeVerdict.UNJUDGED).setEvent(event).build();
  }

  private LedgerOutcome readOutcome(final LedgerEvent event) {
    final TestRecord<String, LedgerOutcome> outcome = outcomes.readRecord();
    assertThat(outcome.key()).isEqualTo(Events.playerKey(event.getPlayerRef()));
    assertThat(outcomes.isEmpty()).as("one outcome per event").isTrue();
    return outcome.value();
  }

  private static PurchaseVerified gemPack(final String tx, final long gems) {
    return purchase(tx, "gems100", ProductType.CONSUMABLE, grants(Map.of("gems", gems), item("potion", 2))).build();
  }

  private static void assertRejected(final LedgerOutcome outcome, final String reason, final long version) {
    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.REJECTED);
    assertThat(outcome.getReason()).isEqualTo(reason);
    assertThat(outcome.getRejectionReason()).as("the typed reason").isEqualTo(RejectionReason.valueOf(reason));
    assertThat(outcome.getVersion()).isEqualTo(version);
    assertThat(outcome.getBalances()).isEmpty();
    assertThat(outcome.getInstances()).isEmpty();
  }

  @Test
  void appliedPurchaseEmitsOutcomeWalletInventoryAndPurchaseLogInOneGo() {
    final LedgerEvent event = purchaseEvent("buy", P1, gemPack("t1", 100));
    final LedgerOutcome outcome = send(event);

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(outcome.getEventId()).isEqualTo(id("buy"));
    assertThat(outcome.getVersion()).isEqualTo(1);
    assertThat(outcome.getReason()).isNull();
    assertThat(outcome.getRejectionReason()).isNull();
    assertThat(outcome.getBalances()).containsExactly(new BalanceChange("gems", 100L, 100L));
    final String instanceId = InstanceIds.derive(id("buy").toString(), 0);
    assertThat(outcome.getInstances()).singleElement().satisfies(change -> {
      assertThat(change.getDelta()).isEqualTo(2);
      assertThat(change.getInstance().getInstanceId()).isEqualTo(instanceId);
      assertThat(change.getInstance().getStatus()).isEqualTo(InstanceStatus.ACTIVE);
      assertThat(change.getInstance().getSourceEventId()).isEqualTo(id("buy").toString());
    });

    final KeyValue<String, WalletChange> wallet = walletChanges.readKeyValue();
    assertThat(wallet.key).isEqualTo(playerKey(P1));
    assertThat(wallet.value.getEventId()).isEqualTo(id("buy").toString());
    assertThat(wallet.value.getVersion()).isEqualTo(1);
    assertThat(wallet.value.getBalances()).containsExactly(new BalanceChange("gems", 100L, 100L));
    final InventoryChange inventory = inventoryChanges.readValue();
    assertThat(inventory.getVersion()).isEqualTo(1);
    assertThat(inventory.getInstances().get(0).getInstance().getInstanceId()).isEqualTo(instanceId);
    final PurchaseLogEntry entry = purchaseLog.readValue();
    assertThat(entry.getEntryType()).isEqualTo(PurchaseLogEntryType.PURCHASE);
    assertThat(entry.getPurchaseCount()).isEqualTo(1);
    assertThat(entry.getMarketOrderId()).isEqualTo("t1");
    assertThat(entry.getMarketProductId()).isEqualTo("sku.gems100");
    assertThat(entry.getCountry()).isEqualTo("DE");
    assertThat(entry.getPrice()).isEqualByComparingTo("4.99");
    assertThat(entry.getPlayerRef()).isEqualTo(P1);
    assertThat(observer.outcomes).containsExactly("game1:APPLIED:null");
  }

  @Test
  void replayIsADuplicateWithTheOriginalOutcomeEvenAfterOtherEventsAndACatalogEdit() {
    final LedgerOutcome original = send(purchaseEvent("buy", P1, gemPack("t1", 100)));
    send(playerEvent("spend", P1, "k-spend", spend("gems", 30)));
    send(playerEvent("grant", P1, "k-grant", grant(grants(Map.of("gold", 5L)))));
    walletChanges.readValuesToList();

    // Same receipt, new eventId, and the catalog now grants 120 gems: still the same purchase.
    final LedgerOutcome replay = send(purchaseEvent("buy-retry", P1, gemPack("t1", 120)));

    assertThat(replay.getStatus()).isEqualTo(OutcomeStatus.DUPLICATE);
    assertThat(replay.getEventId()).isEqualTo(id("buy-retry"));
    assertThat(replay.getOriginalEventId()).isEqualTo(id("buy").toString());
    assertThat(replay.getOriginalStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(replay.getVersion()).isEqualTo(1);
    assertThat(replay.getBalances()).isEqualTo(original.getBalances());
    assertThat(replay.getInstances()).isEqualTo(original.getInstances());
    assertThat(walletChanges.isEmpty()).as("a duplicate changes nothing").isTrue();
    assertThat(send(playerEvent("spend-2", P1, "k-spend-2", spend("gems", 70))).getVersion()).isEqualTo(4);
    assertThat(send(playerEvent("spend-3", P1, "k-spend-3", spend("gems", 1))).getReason())
        .isEqualTo("INSUFFICIENT_FUNDS");
  }

  @Test
  void sameKeyWithOtherContentIsIdempotencyKeyReused() {
    send(playerEvent("grant", P1, "k1", grant(grants(Map.of("gems", 50L)))));

    final LedgerOutcome reused = send(playerEvent("grant-2", P1, "k1", grant(grants(Map.of("gems", 500L)))));

    assertRejected(reused, "IDEMPOTENCY_KEY_REUSED", 1);
    assertThat(reused.getOriginalEventId()).isEqualTo(id("grant").toString());
    assertThat(walletChanges.readValuesToList()).hasSize(1);
  }

  @Test
  void receiptReplayedForAnotherPlayerIsAlreadyUsed() {
    send(purchaseEvent("buy", P1, gemPack("t1", 100)));

    final LedgerOutcome stolen = send(purchaseEvent("buy-p2", P2, gemPack("t1", 100)));

    assertRejected(stolen, "RECEIPT_ALREADY_USED", 0);
    assertThat(stolen.getPlayerRef()).isEqualTo(P2);
    assertThat(observer.outcomes).containsExactly("game1:APPLIED:null", "game1:REJECTED:RECEIPT_ALREADY_USED");
    assertThat(purchaseLog.readValuesToList()).hasSize(1);
  }

  @Test
  void duplicateOfARejectionRepeatsTheRejection() {
    final LedgerOutcome refused = send(playerEvent("spend", P1, "k1", spend("gems", 10)));
    assertRejected(refused, "INSUFFICIENT_FUNDS", 0);
    send(playerEvent("grant", P1, "k2", grant(grants(Map.of("gems", 50L)))));

    final LedgerOutcome retry = send(playerEvent("spend-retry", P1, "k1", spend("gems", 10)));

    assertThat(retry.getStatus()).isEqualTo(OutcomeStatus.DUPLICATE);
    assertThat(retry.getOriginalStatus()).isEqualTo(OutcomeStatus.REJECTED);
    assertThat(retry.getReason()).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(retry.getRejectionReason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
    assertThat(retry.getVersion()).isZero();
  }

  @Test
  void consumesAreCheckedAndCreditOnConsumeGrants() {
    send(playerEvent("grant", P1, "k1", grant(grants(Map.of(), item("chest", 2)))));
    final String chest = InstanceIds.derive(id("grant").toString(), 0);

    assertRejected(send(playerEvent("c0", P1, "k2", consume("nope", 1, grants(Map.of())))), "NOT_OWNED", 1);
    assertRejected(send(playerEvent("c1", P1, "k3", consume(chest, 3, grants(Map.of())))), "INSUFFICIENT_QUANTITY", 1);
    // Grants resolved for another item are not credited for this instance.
    final ItemConsumed asAnotherItem = ItemConsumed.newBuilder(consume(chest, 1, grants(Map.of("gold", 900L))))
        .setItemId("vault").build();
    assertRejected(send(playerEvent("c1b", P1, "k3b", asAnotherItem)), "ITEM_MISMATCH", 1);
    final LedgerOutcome opened = send(playerEvent("c2", P1, "k4", consume(chest, 2, grants(Map.of("gold", 7L)))));
    assertThat(opened.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(opened.getVersion()).isEqualTo(2);
    assertThat(opened.getBalances()).containsExactly(new BalanceChange("gold", 14L, 14L));
    assertThat(opened.getInstances().get(0).getInstance().getStatus()).isEqualTo(InstanceStatus.CONSUMED);
    // Used up, the chest left the player's state: a later consume finds nothing active to use.
    assertRejected(send(playerEvent("c3", P1, "k5", consume(chest, 1, grants(Map.of())))), "NOT_OWNED", 2);

    send(purchaseEvent("buy", P1, purchase("t9", "no-ads", ProductType.NON_CONSUMABLE, grants(Map.of())).build()));
    final String noAds = InstanceIds.derive(id("buy").toString(), 0);
    assertRejected(send(playerEvent("c4", P1, "k6", consume(noAds, 1, grants(Map.of())))), "NOT_CONSUMABLE", 3);
  }

  @Test
  void nonConsumableOwnedCannotBeBoughtOrGrantedTwice() {
    send(purchaseEvent("buy", P1, purchase("t1", "sword-pack", ProductType.NON_CONSUMABLE,
        grants(Map.of(), item("sword", 1))).build()));

    assertRejected(send(purchaseEvent("buy-2", P1, purchase("t2", "sword-pack", ProductType.NON_CONSUMABLE,
        grants(Map.of(), item("sword", 1))).build())), "ALREADY_OWNED", 1);
    assertRejected(send(playerEvent("grant", P1, "k1", grant(grants(Map.of(), item("sword", 1))))),
        "ALREADY_OWNED", 1);
  }

  @Test
  void permanentGrantedItemIsHeldOnceAndNeverConsumed() {
    final LedgerOutcome granted = send(playerEvent("grant", P1, "k1", grant(grants(Map.of(), permanent("sword", 1)))));
    assertThat(granted.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(granted.getInstances().get(0).getInstance().getConsumable()).isFalse();
    final String sword = InstanceIds.derive(id("grant").toString(), 0);

    assertRejected(send(playerEvent("grant-2", P1, "k2", grant(grants(Map.of("gems", 5L), permanent("sword", 1))))),
        "ALREADY_OWNED", 1);
    assertRejected(send(playerEvent("grant-3", P1, "k3", grant(grants(Map.of(), permanent("shield", 2))))),
        "NON_CONSUMABLE_QUANTITY", 1);
    final ItemConsumed swordConsume = ItemConsumed.newBuilder(consume(sword, 1, grants(Map.of())))
        .setItemId("sword").build();
    assertRejected(send(playerEvent("c1", P1, "k4", swordConsume)), "NOT_CONSUMABLE", 1);
  }

  @Test
  void revocationClawsBackIntoDebtAndIsLogged() {
    send(purchaseEvent("buy", P1, gemPack("t1", 100)));
    send(playerEvent("spend", P1, "k1", spend("gems", 90)));
    purchaseLog.readValuesToList();
    walletChanges.readValuesToList();

    final LedgerOutcome revoked = send(playerEvent("refund", P1, "refund-t1", revoke("t1")));

    assertThat(revoked.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(revoked.getVersion()).isEqualTo(3);
    assertThat(revoked.getBalances()).containsExactly(new BalanceChange("gems", -100L, -90L));
    assertThat(revoked.getInstances()).singleElement().satisfies(change -> {
      assertThat(change.getDelta()).isEqualTo(-2);
      assertThat(change.getInstance().getStatus()).isEqualTo(InstanceStatus.REVOKED);
    });
    final PurchaseLogEntry entry = purchaseLog.readValue();
    assertThat(entry.getEntryType()).isEqualTo(PurchaseLogEntryType.REVOCATION);
    assertThat(entry.getPurchaseCount()).isEqualTo(1);
    assertThat(entry.getRevocationReason()).hasToString("REFUND");
    assertThat(walletChanges.readValue().getBalances().get(0).getBalance()).isEqualTo(-90);

    assertRejected(send(playerEvent("refund-again", P1, "refund-t1-b", revoke("t1"))), "ALREADY_REVOKED", 3);
    assertRejected(send(playerEvent("refund-unknown", P1, "refund-t7", revoke("t7"))), "NOT_OWNED", 3);
  }

  @Test
  void subscriptionRenewalsExtendOneInstanceAndUpdatesSetStatus() {
    send(purchaseEvent("sub", P1, purchase("t1", "vip", ProductType.SUBSCRIPTION, grants(Map.of("gems", 10L)))
        .setExpiresAt(Instant.parse("2025-02-01T00:00:00Z")).build()));
    final String instance = InstanceIds.derive(id("sub").toString(), 0);

    final LedgerOutcome renewal = send(purchaseEvent("renew", P1, purchase("t2", "vip", ProductType.SUBSCRIPTION,
        grants(Map.of("gems", 10L))).setOriginalTransactionId("t1")
        .setExpiresAt(Instant.parse("2025-03-01T00:00:00Z")).build()));
    assertThat(renewal.getInstances()).singleElement().satisfies(change -> {
      assertThat(change.getInstance().getInstanceId()).isEqualTo(instance);
      assertThat(change.getInstance().getExpiresAt()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    });
    final LedgerOutcome expired = send(playerEvent("expire", P1, "expire-t1",
        subscriptionUpdate("t1", SubscriptionStatus.EXPIRED, null)));
    assertThat(expired.getInstances().get(0).getInstance().getStatus()).isEqualTo(InstanceStatus.EXPIRED);
    assertThat(expired.getVersion()).isEqualTo(3);
    assertThat(purchaseLog.readValuesToList()).extracting(PurchaseLogEntry::getPurchaseCount).containsExactly(1, 2);
    assertRejected(send(playerEvent("unknown-sub", P1, "u", subscriptionUpdate("t9", SubscriptionStatus.ACTIVE, null))),
        "NOT_OWNED", 3);
  }

  @Test
  void erasureIsAppliedAndKeepsAmounts() {
    send(playerEvent("grant", P1, "k1", grant(grants(Map.of("gems", 5L)))));

    final LedgerOutcome erased = send(playerEvent("erase", P1, "erase-1", erase()));

    assertThat(erased.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(erased.getVersion()).isEqualTo(2);
    assertRejected(send(playerEvent("grant-2", P1, "k2", grant(grants(Map.of("gems", 5L))))), "PLAYER_ERASED", 2);
    final KeyValueStore<String, PlayerState> states = driver.getKeyValueStore(LedgerStores.PLAYER_STATE);
    assertThat(states.get(playerKey(P1)).wallet()).hasToString("Wallet{gems=5}");
    assertThat(states.get(playerKey(P1)).erased()).isTrue();
  }

  @Test
  void malformedRecordsGoToDeadLettersAsRawBytesAndNothingElseStops() {
    final byte[] garbage = {0, 0, 0, 0, 42, 1, 2, 3};
    rawEvents.pipeInput("k".getBytes(StandardCharsets.UTF_8), garbage);
    rawEvents.pipeInput("k".getBytes(StandardCharsets.UTF_8), (byte[]) null);
    rawEvents.pipeInput(new byte[] {(byte) 0xC3, (byte) 0x28}, garbage);
    final LedgerEvent spend = playerEvent("bad-key", P1, "k1", spend("gems", 5));
    events.pipeInput("not-the-dedupe-key", spend);
    final LedgerEvent zero = playerEvent("zero", P1, "k2", spend("gems", 0));
    events.pipeInput(zero.getDedupeKey(), zero);

    final List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
    assertThat(letters).extracting(r -> header(r, DeadLetterHeaders.REASON))
        .containsExactly("UNDECODABLE", "NULL_VALUE", "BAD_KEY", "KEY_MISMATCH", "NON_POSITIVE_QUANTITY");
    assertThat(letters.get(0).value()).isEqualTo(garbage);
    assertThat(letters.get(0).key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.events().name());
    assertThat(header(letters.get(0), DeadLetterHeaders.EXCEPTION)).isNotBlank();
    assertThat(letters.get(3).value()).isEqualTo(topics.events().valueSerde().serializer()
        .serialize(topics.events().name(), spend));
    assertThat(observer.deadLetters)
        .containsExactly("UNDECODABLE", "NULL_VALUE", "BAD_KEY", "KEY_MISMATCH", "NON_POSITIVE_QUANTITY");
    assertThat(outcomes.isEmpty()).isTrue();

    assertThat(send(playerEvent("good", P1, "k3", grant(grants(Map.of("gems", 5L))))).getStatus())
        .isEqualTo(OutcomeStatus.APPLIED);
  }

  @Test
  void everyNameIsExplicit() {
    final String description = LedgerTopology.build(topics, LedgerObserver.NONE).describe().toString();

    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
        .doesNotContain("-repartition")
        .contains(topics.sequence().name(), "ledger-sequence-sink", "ledger-sequence-source")
        .contains(LedgerStores.RECEIPTS, LedgerStores.PLAYER_STATE, LedgerStores.PLAYER_EVENTS);
  }

  @Test
  void everyJudgedEventIsSequencedByPlayerKeyWithItsVerdict() {
    final LedgerEvent first = purchaseEvent("s1", P1, gemPack("t1", 100));
    final LedgerEvent again = purchaseEvent("s2", P1, gemPack("t1", 100));
    final LedgerEvent stolen = purchaseEvent("s3", P2, gemPack("t1", 100));
    final LedgerEvent grant = playerEvent("s4", P1, "k1", grant(grants(Map.of("gems", 5L))));
    final LedgerEvent reused = playerEvent("s5", P1, "k1", grant(grants(Map.of("gems", 6L))));
    for (final LedgerEvent event : List.of(first, again, stolen, grant, reused)) {
      sendViaEvents(event);
    }
    rawEvents.pipeInput("k".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 42});

    final List<TestRecord<String, SequencedEvent>> sequenced = sequence.readRecordsToList();
    assertThat(sequenced).as("one record per judged event; none for a dead letter").hasSize(5);
    assertThat(sequenced).extracting(TestRecord::key).containsExactly(playerKey(P1), playerKey(P1), playerKey(P2),
        playerKey(P1), playerKey(P1));
    // Receipts are judged here; player-scoped keys pass UNJUDGED and the fold judges them.
    assertThat(sequenced).extracting(r -> r.value().getVerdict()).containsExactly(DedupeVerdict.NEW,
        DedupeVerdict.DUPLICATE, DedupeVerdict.REJECTED, DedupeVerdict.UNJUDGED, DedupeVerdict.UNJUDGED);
    assertThat(sequenced).extracting(r -> r.value().getEvent()).containsExactly(first, again, stolen, grant, reused);
    assertThat(sequenced.get(1).value().getOriginalEventId()).isEqualTo(first.getEventId().toString());
    assertThat(sequenced.get(2).value().getRejectionReason()).isEqualTo("RECEIPT_ALREADY_USED");
    assertThat(sequenced.get(2).value().getRejectionMessage()).isNotBlank();
    assertThat(sequenced.get(4).value().getRejectionReason()).isNull();
    assertThat(sequenced.get(0).value().getOriginalEventId()).isNull();
    assertThat(observer.outcomes).containsExactly("game1:APPLIED:null", "game1:DUPLICATE:null",
        "game1:REJECTED:RECEIPT_ALREADY_USED", "game1:APPLIED:null", "game1:REJECTED:IDEMPOTENCY_KEY_REUSED");
  }

  @Test
  void theFoldAloneOverTheSequenceRebuildsByteIdenticalFoldStores() {
    final List<LedgerEvent> log = List.of(
        purchaseEvent("q1", P1, gemPack("t1", 100)),
        playerEvent("q2", P1, "k1", spend("gems", 40)),
        purchaseEvent("q3", P1, gemPack("t1", 100)),
        purchaseEvent("q4", P2, gemPack("t1", 100)),
        playerEvent("q5", P2, "k2", grant(grants(Map.of("coins", 7L), item("x", 1)))),
        playerEvent("q6", P1, "k3", revoke("t1")));
    // Through the events topic, so that every event, player-scoped ones too, is in the sequence
    // output this test can read back (the gateway writes player-scoped ones there itself).
    log.forEach(this::sendViaEvents);
    final List<TestRecord<String, SequencedEvent>> sequenced = sequence.readRecordsToList();
    final Map<String, List<KeyValue<String, String>>> live = storeBytes(driver);

    final RecordingObserver replayed = new RecordingObserver();
    final Properties props = new Properties();
    props.putAll(LedgerTopology.REQUIRED_CONFIG);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-fold-replay");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("fold").toString());
    try (TopologyTestDriver replay = new TopologyTestDriver(LedgerTopology.buildReplay(topics, replayed), props,
        Events.T0)) {
      final TestInputTopic<String, SequencedEvent> input = replay.createInputTopic(topics.sequence().name(),
          new StringSerializer(), topics.sequence().valueSerde().serializer());
      sequenced.forEach(input::pipeInput);
      final Map<String, List<KeyValue<String, String>>> rebuilt = storeBytes(replay, false);
      for (final String store : List.of(LedgerStores.PLAYER_STATE, LedgerStores.PLAYER_EVENTS)) {
        assertThat(rebuilt.get(store)).as("store %s", store).isEqualTo(live.get(store)).isNotEmpty();
      }
      assertThat(replay.getAllStateStores()).doesNotContainKey(LedgerStores.RECEIPTS);
    }
    assertThat(replayed.outcomes).isEqualTo(observer.outcomes);
  }

  @Test
  void replayUnderAnotherApplicationIdYieldsByteIdenticalStores() {
    final List<LedgerEvent> log = List.of(
        purchaseEvent("r1", P1, gemPack("t1", 100)),
        playerEvent("r2", P1, "k1", consume(InstanceIds.derive(id("r1").toString(), 0), 1, grants(Map.of("hp", 3L)))),
        playerEvent("r3", P1, "k2", spend("gems", 40)),
        purchaseEvent("r4", P2, purchase("t2", "vip", ProductType.SUBSCRIPTION, grants(Map.of())).build()),
        purchaseEvent("r5", P1, gemPack("t1", 100)),
        playerEvent("r6", P1, "k3", revoke("t1")),
        playerEvent("r7", P2, "k4", grant(grants(Map.of("b", 1L, "a", 2L), item("x", 1)))));
    log.forEach(event -> events.pipeInput(event.getDedupeKey(), event, event.getOccurredAt()));
    final Map<String, List<KeyValue<String, String>>> first = storeBytes(driver);

    try (TopologyTestDriver replay = newDriver("ledger-replay", stateDir.resolve("b"))) {
      final TestInputTopic<String, LedgerEvent> input = replay.createInputTopic(topics.events().name(),
          new StringSerializer(), topics.events().valueSerde().serializer());
      log.forEach(event -> input.pipeInput(event.getDedupeKey(), event, event.getOccurredAt()));
      assertThat(storeBytes(replay)).isEqualTo(first);
    }
    assertThat(first.get(LedgerStores.PLAYER_STATE)).hasSize(2);
  }

  @Test
  void anAppliedPurchaseIsIndexedByEveryIdItsStoreNamesItBy() {
    send(purchaseEvent("buy", P1, purchase("t1", "vip", ProductType.SUBSCRIPTION, grants(Map.of()))
        .setPurchaseToken("token-1").setOriginalTransactionId("t1").build()));
    send(purchaseEvent("buy-again", P1, purchase("t1", "vip", ProductType.SUBSCRIPTION, grants(Map.of()))
        .setPurchaseToken("token-1").setOriginalTransactionId("t1").build()));

    final List<KeyValue<String, PurchaseIndexEntry>> indexed = purchaseIndex.readKeyValuesToList();
    assertThat(indexed).extracting(kv -> kv.key).as("one record per id; none for the duplicate")
        .containsExactly("game1|TEST|t1", "game1|TEST|token-1");
    assertThat(indexed.get(0).value.getPlayerRef()).isEqualTo(P1);
    assertThat(indexed.get(0).value.getProductId()).isEqualTo("vip");
    assertThat(indexed.get(1).value.getTransactionId()).isEqualTo("t1");
  }

  @Test
  void theFoldDedupesPlayerScopedEventsWrittenStraightToTheSequence() {
    final LedgerEvent grant = playerEvent("g1", P1, "k1", grant(grants(Map.of("gems", 5L))));
    assertThat(send(grant).getStatus()).isEqualTo(OutcomeStatus.APPLIED);

    final LedgerOutcome again = send(playerEvent("g1-retry", P1, "k1", grant(grants(Map.of("gems", 5L)))));
    assertThat(again.getStatus()).isEqualTo(OutcomeStatus.DUPLICATE);
    assertThat(again.getOriginalEventId()).isEqualTo(id("g1").toString());
    assertThat(again.getBalances()).containsExactly(new BalanceChange("gems", 5L, 5L));
    // The same key for another player is another key: keys are scoped to their player.
    assertThat(send(playerEvent("g2", P2, "k1", grant(grants(Map.of("gems", 5L))))).getStatus())
        .isEqualTo(OutcomeStatus.APPLIED);
    assertThat(walletChanges.readValuesToList()).hasSize(2);
    assertThat(sequence.isEmpty()).as("nothing passed the receipt stage").isTrue();
  }

  @Test
  void aRecordWrittenTwiceIsDecidedAndAnsweredOnce() {
    // The gateway's idempotent producer may write one record twice after a delivery timeout (it bumps
    // its epoch and resends); the same eventId read again is that record, not a caller's retry.
    final LedgerEvent grant = playerEvent("g1", P1, "k1", grant(grants(Map.of("gems", 5L))));
    final LedgerEvent purchase = purchaseEvent("buy", P1, gemPack("t1", 100));
    assertThat(send(grant).getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(send(purchase).getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    sequence.readRecordsToList();

    sequenceInput.pipeInput(playerKey(P1), unjudged(grant), grant.getOccurredAt());
    events.pipeInput(purchase.getDedupeKey(), purchase, purchase.getOccurredAt());
    // A release before this one sequenced the twin of a receipt as a duplicate of itself.
    sequenceInput.pipeInput(playerKey(P1), SequencedEvent.newBuilder().setVerdict(DedupeVerdict.DUPLICATE)
        .setOriginalEventId(purchase.getEventId().toString()).setEvent(purchase).build(), purchase.getOccurredAt());
    // And the receipt stage's verdict itself may be read twice only if its store lost the key: the fold's
    // log still holds the event.
    sequenceInput.pipeInput(playerKey(P1), SequencedEvent.newBuilder().setVerdict(DedupeVerdict.NEW)
        .setEvent(purchase).build(), purchase.getOccurredAt());

    assertThat(outcomes.isEmpty()).as("no second outcome for either event").isTrue();
    assertThat(sequence.isEmpty()).as("the receipt stage sequences no twin").isTrue();
    assertThat(walletChanges.readValuesToList()).as("each applied once").hasSize(2);
    assertThat(purchaseLog.readValuesToList()).hasSize(1);
    assertThat(observer.redeliveries).containsExactly("game1", "game1", "game1", "game1");
    // A caller's retry under a new eventId still answers DUPLICATE with the original outcome.
    final LedgerOutcome retry = send(playerEvent("g1-retry", P1, "k1", grant(grants(Map.of("gems", 5L)))));
    assertThat(retry.getStatus()).isEqualTo(OutcomeStatus.DUPLICATE);
    assertThat(retry.getOriginalEventId()).isEqualTo(id("g1").toString());
  }

  @Test
  void aCallersKeyNamedLikeASystemKeyNeverBlocksErasure() {
    assertThat(send(playerEvent("g1", P1, "erasure", grant(grants(Map.of("gems", 5L))))).getStatus())
        .isEqualTo(OutcomeStatus.APPLIED);

    final LedgerOutcome erased = send(systemEvent("erase", P1, "erasure", erase()));

    assertThat(erased.getStatus()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(erased.getVersion()).isEqualTo(2);
    assertThat(send(systemEvent("erase-again", P1, "erasure", erase())).getStatus())
        .isEqualTo(OutcomeStatus.DUPLICATE);
  }

  @Test
  void unsoundSequenceRecordsAreDeadLetteredAndTheFoldGoesOn() {
    final byte[] key = playerKey(P1).getBytes(StandardCharsets.UTF_8);
    rawSequence.pipeInput(key, new byte[] {0, 0, 0, 0, 42, 1});
    final LedgerEvent receipt = purchaseEvent("buy", P1, gemPack("t1", 100));
    sequenceInput.pipeInput(playerKey(P1), unjudged(receipt));
    final LedgerEvent grant = playerEvent("g1", P1, "k1", grant(grants(Map.of("gems", 5L))));
    sequenceInput.pipeInput(playerKey(P2), unjudged(grant));

    final List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
    assertThat(letters).extracting(r -> header(r, DeadLetterHeaders.REASON))
        .containsExactly("UNDECODABLE", "BAD_VERDICT", "KEY_MISMATCH");
    assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.sequence().name());
    assertThat(outcomes.isEmpty()).isTrue();
    assertThat(send(grant).getStatus()).isEqualTo(OutcomeStatus.APPLIED);
  }

  @Test
  void aPlayerCannotHoldMoreInstancesThanTheCapNorGrowAValuePastTheLimit() {
    driver.close();
    driver = newDriver("ledger-capped", stateDir.resolve("capped"), new Limits(2, 1200));
    start(driver);
    assertThat(send(playerEvent("g1", P1, "k1", grant(grants(Map.of(), item("potion", 1))))).getStatus())
        .isEqualTo(OutcomeStatus.APPLIED);
    assertThat(send(playerEvent("g2", P1, "k2", grant(grants(Map.of(), item("potion", 1))))).getStatus())
        .isEqualTo(OutcomeStatus.APPLIED);
    assertRejected(send(playerEvent("g3", P1, "k3", grant(grants(Map.of(), item("potion", 1))))), "INVENTORY_FULL", 2);
    final Map<String, Long> many = new java.util.TreeMap<>();
    for (int i = 0; i < 100; i++) {
      many.put("currency-with-a-long-name-" + i, 1L);
    }
    assertRejected(send(playerEvent("g4", P1, "k4", grant(grants(many)))), "STATE_TOO_LARGE", 2);
    assertThat(send(playerEvent("g5", P1, "k5", grant(grants(Map.of("gems", 1L))))).getVersion()).isEqualTo(3);
  }

  private static Map<String, List<KeyValue<String, String>>> storeBytes(final TopologyTestDriver driver) {
    return storeBytes(driver, true);
  }

  private static Map<String, List<KeyValue<String, String>>> storeBytes(final TopologyTestDriver driver,
                                                                        final boolean withDedupe) {
    final Map<String, List<KeyValue<String, String>>> stores = new HashMap<>(Map.of(
        LedgerStores.PLAYER_STATE, dump(driver, LedgerStores.PLAYER_STATE, new FoldCodecs.PlayerStateCodec()),
        LedgerStores.PLAYER_EVENTS, dump(driver, LedgerStores.PLAYER_EVENTS, new FoldCodecs.LoggedEventCodec())));
    if (withDedupe) {
      stores.put(LedgerStores.RECEIPTS, dump(driver, LedgerStores.RECEIPTS, new DedupeRecordCodec()));
    }
    return stores;
  }

  private static <T> List<KeyValue<String, String>> dump(final TopologyTestDriver driver, final String store,
                                                         final StoreCodec<T> codec) {
    final KeyValueStore<String, T> kv = driver.getKeyValueStore(store);
    final List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, T> all = kv.all()) {
      all.forEachRemaining(entry -> entries.add(KeyValue.pair(entry.key,
          java.util.HexFormat.of().formatHex(codec.encode(entry.value)))));
    }
    return entries;
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}

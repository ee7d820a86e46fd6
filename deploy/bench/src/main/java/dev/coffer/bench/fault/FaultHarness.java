package dev.coffer.bench.fault;

import dev.coffer.bench.BenchKafka;
import dev.coffer.bench.ledger.BenchLedger;
import dev.coffer.bench.ledger.GatewayShapedLog;
import dev.coffer.bench.load.MixedEvents;
import dev.coffer.embedded.Await;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills and freezes ledger instances under load, then proves from the logs alone that nothing was
 * applied twice, nothing acknowledged was lost, and the state is what an independent replay computes.
 *
 * <p>Two {@link LedgerProcess} child JVMs share one application id on Coffer's own topics. A scheduled
 * producer offers mixed events ({@link MixedEvents}, one tenant for the run) at a fixed rate, where the
 * gateway writes them (receipts to {@code coffer.ledger-events}, player-scoped events UNJUDGED to
 * {@code coffer.ledger-sequence}); faults are spread evenly over the run, alternating victims: SIGKILL
 * then an immediate restart on the same state folder, or SIGSTOP for longer than the session timeout then
 * SIGCONT. Afterwards:
 * <ul>
 *   <li>every event of the tenant submitted (read_committed) has exactly one committed outcome, and every
 *       acknowledged send is among them;</li>
 *   <li>each player's APPLIED versions are 1, 2, 3, ... in log order;</li>
 *   <li>the fold alone, under a fresh application id, replays {@code coffer.ledger-sequence} from the
 *       start into topics of its own (invariant 4): each event's outcome must equal the original's, and so
 *       must every player's final balances and item instances folded from the outcomes.</li>
 * </ul>
 */
public final class FaultHarness {
  private static final Logger LOG = LoggerFactory.getLogger(FaultHarness.class);
  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration DRAIN = Duration.ofSeconds(120);
  private static final int TICKS_PER_SECOND = 20;

  private final String bootstrapServers;
  private final String registryUrl;
  private final Admin admin;
  private final Path work;

  /**
   * @param bootstrapServers the cluster, with Coffer's topics installed
   * @param registryUrl the registry's Confluent-compatible URL
   * @param admin an admin client of the cluster
   * @param work a folder for the instances' configs, logs and state
   */
  public FaultHarness(final String bootstrapServers, final String registryUrl, final Admin admin, final Path work) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.admin = admin;
    this.work = work;
  }

  /** Runs the load with its faults, then the checks. */
  public FaultResult run(final FaultOptions options) throws InterruptedException {
    final long started = System.nanoTime();
    final String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    final String appId = "fault-" + suffix;
    final String ledgerId = "coffer-ledger-fault-" + suffix;
    final int partitions = CofferTopics.LEDGER_EVENTS.partitions();
    final List<LedgerProcess> instances = List.of(
        new LedgerProcess("ledger-a", bootstrapServers, registryUrl, ledgerId, work, freePort()),
        new LedgerProcess("ledger-b", bootstrapServers, registryUrl, ledgerId, work, freePort()));
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    int kills = 0;
    int pauses = 0;
    try (RestSchemaRegistry registry = new RestSchemaRegistry(registryUrl)) {
      instances.forEach(LedgerProcess::start);
      Await.until("both ledger instances healthy", READY, () -> instances.stream().allMatch(LedgerProcess::healthy));
      final MixedEvents events = new MixedEvents(options.seed(), appId, options.players(), partitions);
      final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
          BenchKafka.producerConfig(bootstrapServers), new StringSerializer(),
          GatewayShapedLog.serializer(registry))) {
        final int perTick = Math.max(1, options.eventsPerSecond() / TICKS_PER_SECOND);
        // The load generator's pacing: a fixed batch every tick, whatever the ledger is going through.
        pacer.scheduleAtFixedRate(() -> {
          for (final LedgerEvent e : events.next(perTick)) {
            final String id = e.getEventId().toString();
            sent.incrementAndGet();
            producer.send(GatewayShapedLog.record(e, CofferTopics.LEDGER_EVENTS.name(),
                CofferTopics.LEDGER_SEQUENCE.name()), (metadata, error) -> {
                  if (error == null) {
                    acked.add(id);
                  } else {
                    failures.incrementAndGet();
                    LOG.warn("send of {} failed", id, error);
                  }
                });
          }
        }, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        final int faults = options.kills() + options.pauses();
        final long loadStart = System.nanoTime();
        for (int f = 0; f < faults; f++) {
          final long at = loadStart + options.duration().toNanos() * (f + 1) / (faults + 1);
          // Pacing between fault injections, not a wait for Kafka.
          TimeUnit.NANOSECONDS.sleep(Math.max(0, at - System.nanoTime()));
          final LedgerProcess victim = instances.get(f % 2);
          final boolean kill = kills < options.kills() && (pauses >= options.pauses() || f % 2 == 0);
          if (kill) {
            victim.kill();
            victim.start();
            kills++;
          } else {
            victim.pause();
            TimeUnit.NANOSECONDS.sleep(options.pauseLength().toNanos());
            victim.resume();
            pauses++;
          }
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0, loadStart + options.duration().toNanos() - System.nanoTime()));
        pacer.shutdown();
        if (!pacer.awaitTermination(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the load generator did not stop");
        }
        producer.flush();
      } finally {
        pacer.shutdownNow();
      }
      LOG.info("Load over: {} sent, {} acked, {} failed; {} kills, {} pauses", sent.get(), acked.size(),
          failures.get(), kills, pauses);
      Await.until("both ledger instances healthy after the faults", READY,
          () -> instances.stream().allMatch(LedgerProcess::healthy));

      final Deserializer<LedgerOutcome> outcomeValues = new AvroSerde<>(registry, LedgerOutcome.class, false)
          .deserializer();
      final Predicate<String> mine = key -> key != null && key.startsWith(appId + "|");
      final List<LedgerEvent> logged = new ArrayList<>(readToEnd(CofferTopics.LEDGER_EVENTS.name(),
          new AvroSerde<>(registry, LedgerEvent.class, false).deserializer(), r -> mine.test(r.key()), null, 0));
      readToEnd(CofferTopics.LEDGER_SEQUENCE.name(), new AvroSerde<>(registry, SequencedEvent.class, false)
          .deserializer(), r -> mine.test(r.key()) && r.value().getVerdict() == DedupeVerdict.UNJUDGED, null, 0)
          .forEach(s -> logged.add(s.getEvent()));
      final Set<String> loggedIds = new java.util.HashSet<>();
      logged.forEach(e -> loggedIds.add(e.getEventId().toString()));
      final List<LedgerOutcome> original = readToEnd(CofferTopics.LEDGER_OUTCOMES.name(), outcomeValues,
          r -> mine.test(r.key()), loggedIds, logged.size());
      instances.forEach(LedgerProcess::close);

      final List<LedgerOutcome> replay = replay(registry, appId, partitions, outcomeValues, loggedIds, logged.size());
      return check(options, acked, sent.get(), failures.get(), loggedIds, original, replay, kills, pauses,
          instances, (System.nanoTime() - started) / 1e9);
    } finally {
      instances.forEach(LedgerProcess::close);
    }
  }

  /** The independent replay: the fold alone over the recorded sequence, into topics of its own. */
  private List<LedgerOutcome> replay(final RestSchemaRegistry registry, final String appId, final int partitions,
                                     final Deserializer<LedgerOutcome> values, final Set<String> loggedIds,
                                     final int expected) {
    final BenchLedger.Outputs outputs = BenchLedger.Outputs.under("fault-replay-" + appId);
    BenchKafka.createTopics(admin, outputs.all(), partitions);
    final BenchLedger.Outputs replayed = new BenchLedger.Outputs(outputs.events(),
        CofferTopics.LEDGER_SEQUENCE.name(), outputs.outcomes(), outputs.walletChanges(), outputs.inventoryChanges(),
        outputs.purchaseLog(), outputs.deadLetters(), outputs.purchaseIndex());
    try (BenchLedger ledger = BenchLedger.foldReplay(bootstrapServers, registryUrl, registry, "replay-" + appId,
        work.resolve("replay-state"), replayed)) {
      ledger.start(READY);
      final List<LedgerOutcome> outcomes = readToEnd(outputs.outcomes(), values,
          r -> r.key() != null && r.key().startsWith(appId + "|"), loggedIds, expected);
      ledger.checkAlive();
      return outcomes;
    }
  }

  /**
   * Reads {@code topic} read_committed from the start: first (if {@code mustCover} is given) until the
   * values seen name every eventId in it and number at least {@code atLeast}, then on to the end offsets
   * taken at that moment, so an outcome committed twice cannot hide behind the first.
   */
  private <V> List<V> readToEnd(final String topic, final Deserializer<V> values,
                                final Predicate<ConsumerRecord<String, V>> filter, final Set<String> mustCover,
                                final int atLeast) {
    final List<V> out = new ArrayList<>();
    final Set<String> covered = new java.util.HashSet<>();
    final Map<String, Object> config = BenchKafka.consumerConfig(bootstrapServers, "fault-check-" + UUID.randomUUID());
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + DRAIN.toNanos();
      Map<TopicPartition, Long> end = null;
      while (true) {
        if (System.nanoTime() - deadline > 0) {
          // Report what is missing rather than throwing: the checks name it.
          LOG.warn("reading {}: deadline passed with {} records ({} of {} eventIds covered)", topic, out.size(),
              covered.size(), mustCover == null ? 0 : mustCover.size());
          return out;
        }
        for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (filter.test(r)) {
            out.add(r.value());
            if (r.value() instanceof LedgerOutcome o) {
              covered.add(o.getEventId().toString());
            }
          }
        }
        if (end == null && (mustCover == null || (covered.containsAll(mustCover) && out.size() >= atLeast))
            && !consumer.assignment().isEmpty()) {
          end = consumer.endOffsets(consumer.assignment());
        }
        if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          return out;
        }
      }
    }
  }

  private static FaultResult check(final FaultOptions options, final Set<String> acked, final long sent,
                                   final long failures, final Set<String> loggedIds,
                                   final List<LedgerOutcome> original, final List<LedgerOutcome> replay,
                                   final int kills, final int pauses, final List<LedgerProcess> instances,
                                   final double seconds) {
    final Map<String, List<LedgerOutcome>> byEvent = new HashMap<>();
    original.forEach(o -> byEvent.computeIfAbsent(o.getEventId().toString(), k -> new ArrayList<>()).add(o));
    final List<String> twice = byEvent.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .map(Map.Entry::getKey).sorted().toList();
    final Set<String> promised = new java.util.TreeSet<>(loggedIds);
    promised.addAll(acked);
    final List<String> lost = promised.stream().filter(id -> !byEvent.containsKey(id)).toList();

    // Versions: each player's APPLIED outcomes, in log order, are 1, 2, 3, ...
    final Map<String, Long> lastVersion = new HashMap<>();
    final List<String> gaps = new ArrayList<>();
    for (final LedgerOutcome o : original) {
      if (o.getStatus() != OutcomeStatus.APPLIED) {
        continue;
      }
      final String player = o.getAppId() + "|" + o.getPlayerRef();
      final long expected = lastVersion.getOrDefault(player, 0L) + 1;
      if (o.getVersion() != expected) {
        gaps.add(player + " v" + o.getVersion() + " after v" + (expected - 1));
      }
      lastVersion.put(player, o.getVersion());
    }

    final Map<String, LedgerOutcome> replayed = new HashMap<>();
    replay.forEach(o -> replayed.putIfAbsent(o.getEventId().toString(), o));
    final List<String> mismatches = new ArrayList<>();
    byEvent.forEach((id, outcomes) -> {
      if (!Objects.equals(outcomes.get(0), replayed.get(id))) {
        mismatches.add(id + ": " + outcomes.get(0).getStatus() + " v" + outcomes.get(0).getVersion()
            + " vs replay " + (replayed.get(id) == null ? "none" : replayed.get(id).getStatus() + " v"
            + replayed.get(id).getVersion()));
      }
    });
    if (replay.size() != original.size()) {
      mismatches.add("replay has " + replay.size() + " outcomes, the ledger " + original.size());
    }
    final Map<String, Map<String, String>> state = finalState(original);
    final Map<String, Map<String, String>> replayState = finalState(replay);
    final List<String> stateMismatches = new ArrayList<>();
    final Set<String> players = new java.util.TreeSet<>(state.keySet());
    players.addAll(replayState.keySet());
    for (final String player : players) {
      if (!Objects.equals(state.get(player), replayState.get(player))) {
        stateMismatches.add(player);
      }
    }
    return new FaultResult(sent, acked.size(), failures, loggedIds.size(), original.size(), twice, lost, gaps,
        mismatches, players.size(), stateMismatches, kills, pauses,
        instances.stream().map(LedgerProcess::peakRssBytes).toList(), seconds);
  }

  /** Per player: every currency's last balance and every instance's last state, folded from outcomes. */
  private static Map<String, Map<String, String>> finalState(final List<LedgerOutcome> outcomes) {
    final Map<String, Map<String, String>> state = new LinkedHashMap<>();
    for (final LedgerOutcome o : outcomes) {
      final Map<String, String> player = state.computeIfAbsent(o.getAppId() + "|" + o.getPlayerRef(),
          k -> new TreeMap<>());
      for (final BalanceChange b : o.getBalances()) {
        player.put("balance:" + b.getCurrency(), Long.toString(b.getBalance()));
      }
      for (final InstanceChange i : o.getInstances()) {
        player.put("instance:" + i.getInstance().getInstanceId(), i.getInstance().toString());
      }
    }
    return state;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}

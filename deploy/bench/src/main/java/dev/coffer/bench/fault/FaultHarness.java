package dev.coffer.bench.fault;

import dev.coffer.bench.BenchKafka;
import dev.coffer.bench.ledger.BenchLedger;
import dev.coffer.bench.load.MixedEvents;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.FreePorts;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.DedupeVerdict;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.SequencedEvent;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.topics.CofferTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Deserializer;

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
 *
 * <p>The load and its faults are {@link FaultedLoad}'s, reading the logs {@link CommittedLog}'s, the checks
 * {@link FaultChecks}'.
 */
public final class FaultHarness {
  private static final Duration READY = Duration.ofSeconds(120);

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
    final List<Integer> ports = FreePorts.distinct(2);
    final List<LedgerProcess> instances = List.of(
        new LedgerProcess("ledger-a", bootstrapServers, registryUrl, ledgerId, work, ports.get(0)),
        new LedgerProcess("ledger-b", bootstrapServers, registryUrl, ledgerId, work, ports.get(1)));
    try (RestSchemaRegistry registry = new RestSchemaRegistry(registryUrl)) {
      instances.forEach(LedgerProcess::start);
      Await.until("both ledger instances healthy", READY, () -> instances.stream().allMatch(LedgerProcess::healthy));
      final MixedEvents events = new MixedEvents(options.seed(), appId, options.players(), partitions);
      final FaultedLoad.Sent load = FaultedLoad.run(bootstrapServers, registry, events, options, instances);
      Await.until("both ledger instances healthy after the faults", READY,
          () -> instances.stream().allMatch(LedgerProcess::healthy));

      final Deserializer<LedgerOutcome> outcomeValues = new AvroSerde<>(registry, LedgerOutcome.class, false)
          .deserializer();
      final Predicate<String> mine = key -> key != null && key.startsWith(appId + "|");
      final List<LedgerEvent> logged = new ArrayList<>(CommittedLog.readToEnd(bootstrapServers,
          CofferTopics.LEDGER_EVENTS.name(), new AvroSerde<>(registry, LedgerEvent.class, false).deserializer(),
          r -> mine.test(r.key()), null, 0));
      CommittedLog.readToEnd(bootstrapServers, CofferTopics.LEDGER_SEQUENCE.name(),
          new AvroSerde<>(registry, SequencedEvent.class, false).deserializer(),
          r -> mine.test(r.key()) && r.value().getVerdict() == DedupeVerdict.UNJUDGED, null, 0)
          .forEach(s -> logged.add(s.getEvent()));
      final Set<String> loggedIds = new HashSet<>();
      logged.forEach(e -> loggedIds.add(e.getEventId().toString()));
      final List<LedgerOutcome> original = CommittedLog.readToEnd(bootstrapServers,
          CofferTopics.LEDGER_OUTCOMES.name(), outcomeValues, r -> mine.test(r.key()), loggedIds, logged.size());
      instances.forEach(LedgerProcess::close);

      final List<LedgerOutcome> replay = replay(registry, appId, partitions, outcomeValues, loggedIds, logged.size());
      return FaultChecks.check(load, loggedIds, original, replay,
          instances.stream().map(LedgerProcess::peakRssBytes).toList(), (System.nanoTime() - started) / 1e9);
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
      final List<LedgerOutcome> outcomes = CommittedLog.readToEnd(bootstrapServers, outputs.outcomes(), values,
          r -> r.key() != null && r.key().startsWith(appId + "|"), loggedIds, expected);
      ledger.checkAlive();
      return outcomes;
    }
  }
}

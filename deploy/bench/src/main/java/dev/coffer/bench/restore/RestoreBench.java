package dev.coffer.bench.restore;

import dev.coffer.bench.BenchKafka;
import dev.coffer.bench.fault.LedgerProcess;
import dev.coffer.bench.ledger.GatewayShapedLog;
import dev.coffer.embedded.Await;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 10's restore measurement on Coffer's topics (installed beforehand): one {@code LedgerMain} child JVM
 * builds the state of N players from gateway-shaped events, is killed with SIGKILL once every outcome is
 * committed, and is restarted on its state folder: its transactional state stores kept what was committed, so it
 * restores the changelogs' tail. It is killed again and restarted on an empty state folder (a lost volume), and
 * restores every record; the same changelogs are read raw, with a plain consumer, while it is first down. Then a
 * second instance joins and the first is killed again, for good: the failover to a standby ({@link Failover}).
 * Last, the survivor stops cleanly and the stores' footprint is measured key by key, beside the changelogs'
 * ({@link StoreFootprint}).
 */
public final class RestoreBench {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreBench.class);

  private final String bootstrapServers;
  private final String registryUrl;
  private final Admin admin;
  private final Path work;

  /**
   * @param bootstrapServers the cluster, with Coffer's topics installed
   * @param registryUrl the registry's Confluent-compatible URL, with Coffer's subjects registered
   * @param admin an admin client of the cluster
   * @param work a folder for the instances' configs, logs and state
   */
  public RestoreBench(final String bootstrapServers, final String registryUrl, final Admin admin, final Path work) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.admin = admin;
    this.work = work;
  }

  /** Runs both measurements, then the key cost. */
  public RestoreResult run(final RestoreOptions options) {
    final String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    final Population population = new Population("restore-" + suffix, options.players(), options.itemEvery(),
        options.purchaseEvery());
    final Instances instances = new Instances(bootstrapServers, registryUrl, "coffer-ledger-restore-" + suffix,
        work, options);
    final Map<String, String> changelogs = Changelogs.of(instances.applicationId());
    final LedgerProcess a = instances.instance("ledger-a");
    final LedgerProcess b = instances.instance("ledger-b");
    try (RestSchemaRegistry registry = new RestSchemaRegistry(registryUrl);
        OutcomeWatch outcomes = OutcomeWatch.start(bootstrapServers, registry, population.appId());
        KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
            BenchKafka.producerConfig(bootstrapServers), new StringSerializer(),
            GatewayShapedLog.serializer(registry))) {
      final RestoreResult.Restore restore = restore(a, instances, population, outcomes, producer, changelogs);
      final RestoreResult.Failover failover = new Failover(admin, instances, population, outcomes, producer)
          .run(a, b, options.loadPerSecond(), restore.events() + 2L * probesPerRound(), changelogs.values());
      // A clean close flushes b's memtables; b then holds every task, so its folder is the whole state.
      b.close();
      final Map<String, Long> expected = new LinkedHashMap<>();
      final int rounds = 3;
      expected.put(LedgerStores.RECEIPTS, (long) population.purchases() + rounds * probesPerRound() / 2);
      expected.put(LedgerStores.PLAYER_STATE, (long) population.players() + rounds * probesPerRound() / 2);
      expected.put(LedgerStores.PLAYER_EVENTS, population.events() + rounds * probesPerRound() + failover.loadAcked());
      // Gateway-shaped events of players the bench made up: no directory requests, so no directory entries.
      expected.put(LedgerStores.PLAYER_DIRECTORY, 0L);
      final List<StoreFootprint> stores = new ArrayList<>();
      LedgerStores.ALL.forEach(s -> stores.add(StoreFootprint.measure(b.stateDir(), instances.applicationId(), s,
          population.appId())));
      final RestoreResult.KeyCost keyCost = new RestoreResult.KeyCost(stores,
          Changelogs.sizes(admin, changelogs.values()),
          Changelogs.rawRead(bootstrapServers, changelogs.values(), Duration.ofMinutes(30)).records(), expected);
      return new RestoreResult(instances.applicationId(), restore, failover, keyCost, instances.failoverSettings());
    } finally {
      b.close();
      a.close();
    }
  }

  /**
   * The restore without a standby: {@code a} alone builds the population, is killed and restarted (and left
   * running).
   */
  private RestoreResult.Restore restore(final LedgerProcess a, final Instances instances, final Population population,
                                        final OutcomeWatch outcomes,
                                        final KafkaProducer<String, SpecificRecord> producer,
                                        final Map<String, String> changelogs) {
    Instances.startAndAwait(a);
    final long t0 = System.nanoTime();
    produce(producer, population);
    final long produced = System.nanoTime();
    LOG.info("Produced {} events for {} players in {} ms", population.events(), population.players(),
        (produced - t0) / 1_000_000);
    outcomes.awaitCount("the population's outcomes", population.events(),
        Duration.ofMinutes(5).plusMillis(population.events() * 2));
    final long applied = System.nanoTime();
    LOG.info("Every outcome of the population seen {} ms after the first event", (applied - t0) / 1_000_000);

    a.kill();
    // Read while a is down: exactly what its restart will restore.
    final Map<String, Long> bytes = Changelogs.sizes(admin, changelogs.values());
    final Changelogs.RawRead raw = Changelogs.rawRead(bootstrapServers, changelogs.values(), Duration.ofMinutes(30));
    LOG.info("Raw read of the changelogs: {} records, {} bytes on disk, in {} ms", raw.totalRecords(), bytes,
        raw.nanos() / 1_000_000);
    final FreshJvmRead.Result fresh = FreshJvmRead.run(instances.jvmOptions(), bootstrapServers, changelogs.values(),
        Duration.ofMinutes(30), instances.work().resolve("fresh-jvm-read.log"));
    LOG.info("Raw read of the changelogs in a fresh JVM: {} records in {} ms", fresh.records(),
        fresh.nanos() / 1_000_000);
    final RestoreResult.Restart crash = restart(a, population, outcomes, producer, "restore");
    a.kill();
    // A lost volume (a new node, a replaced disk): nothing local survives, every record is restored.
    try {
      Utils.delete(a.stateDir().toFile());
    } catch (final IOException e) {
      throw new UncheckedIOException("wiping " + a.stateDir(), e);
    }
    final RestoreResult.Restart wiped = restart(a, population, outcomes, producer, "wiped");
    return new RestoreResult.Restore(population.players(), population.events(), population.purchases(),
        (produced - t0) / 1_000_000, (applied - t0) / 1_000_000, crash, wiped, bytes, raw, fresh);
  }

  /** Starts the stopped {@code a}, and measures until every partition's probes of {@code round} are answered. */
  private static RestoreResult.Restart restart(final LedgerProcess a, final Population population,
                                               final OutcomeWatch outcomes,
                                               final KafkaProducer<String, SpecificRecord> producer,
                                               final String round) {
    final long logOffset = RestoreLog.length(a.log());
    final long restartMillis = System.currentTimeMillis();
    final long restartNanos = System.nanoTime();
    a.start();
    final List<LedgerEvent> probes = probes(population, round);
    outcomes.watch(probes);
    send(producer, probes);
    final Map<String, Long> seen = outcomes.awaitAll("every partition's probes answered after the restart ("
        + round + ")", probes, Duration.ofMinutes(30));
    final long servingNanos = seen.values().stream().mapToLong(Long::longValue).max().orElseThrow() - restartNanos;
    Instances.awaitHealthy(a);
    final RestoreLog.Restore log = Await.value("the restart's RUNNING in its log", Duration.ofSeconds(30), () -> {
      final RestoreLog.Restore read = RestoreLog.read(a.log(), logOffset);
      return read.runningMillis().isPresent() ? Optional.of(read) : Optional.empty();
    });
    LOG.info("Restart ({}): restored {} records in {} ms (Streams' log); RUNNING {} ms, serving {} ms after it",
        round, log.restored(), log.windowMillis(), log.runningMillis().getAsLong() - restartMillis,
        servingNanos / 1_000_000);
    return new RestoreResult.Restart(log.runningMillis().getAsLong() - restartMillis, servingNanos / 1_000_000,
        log);
  }

  /** One probing round's events: a grant and a purchase in every partition. */
  static List<LedgerEvent> probes(final Population population, final String round) {
    final List<LedgerEvent> probes = new ArrayList<>();
    for (int p = 0; p < CofferTopics.LEDGER_SEQUENCE.partitions(); p++) {
      probes.addAll(population.probes(round, p));
    }
    return probes;
  }

  static int probesPerRound() {
    return 2 * CofferTopics.LEDGER_SEQUENCE.partitions();
  }

  /** Sends {@code events} where the gateway would, and waits until each is acknowledged. */
  static void send(final KafkaProducer<String, SpecificRecord> producer, final Collection<LedgerEvent> events) {
    BenchKafka.sendAll(producer, events.stream().map(Population::record).toList(), Duration.ofMinutes(2));
  }

  /** Produces the population one player at a time (never the whole log in memory), every send acknowledged. */
  private static void produce(final KafkaProducer<String, SpecificRecord> producer, final Population population) {
    final AtomicReference<Exception> failure = new AtomicReference<>();
    for (int i = 0; i < population.players() && failure.get() == null; i++) {
      population.recordsOf(i).forEach(r -> producer.send(r, (metadata, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
      }));
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("producing the population failed", failure.get());
    }
  }
}

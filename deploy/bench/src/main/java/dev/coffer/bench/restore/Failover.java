package dev.coffer.bench.restore;

import dev.coffer.bench.fault.LedgerProcess;
import dev.coffer.embedded.Await;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.topics.CofferTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover to a standby: a second instance joins the populated application (both with
 * {@code num.standby.replicas: 1}); once its standbys have caught up (its restore consumer has no lag left on
 * any changelog partition of the first one's tasks), the first one is killed with SIGKILL under a light load,
 * and not restarted. Measured: from the kill until probes in every partition have their
 * outcomes, visible to a read_committed reader (the gateway's view).
 */
final class Failover {
  private static final Logger LOG = LoggerFactory.getLogger(Failover.class);
  private static final int TICKS_PER_SECOND = 20;
  private static final List<String> NAMES = List.of("ledger-a", "ledger-b");

  private final Admin admin;
  private final Instances instances;
  private final Population population;
  private final OutcomeWatch outcomes;
  private final KafkaProducer<String, SpecificRecord> producer;

  Failover(final Admin admin, final Instances instances, final Population population, final OutcomeWatch outcomes,
           final KafkaProducer<String, SpecificRecord> producer) {
    this.admin = admin;
    this.instances = instances;
    this.population = population;
    this.outcomes = outcomes;
    this.producer = producer;
  }

  /**
   * Runs it; {@code a} is killed, {@code b} left running.
   *
   * @param a the running instance, owning every task
   * @param b the instance that joins
   * @param loadPerSecond grants offered per second around the kill
   * @param outcomesBefore the tenant's outcomes seen before this phase
   * @param changelogs the application's changelog topics
   */
  RestoreResult.Failover run(final LedgerProcess a, final LedgerProcess b, final int loadPerSecond,
                             final long outcomesBefore, final Collection<String> changelogs) {
    final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try {
      // b joins and builds its standbys (and any active task the assignor gives it) from the changelogs.
      Instances.startAndAwait(b);
      final long running = System.nanoTime();
      final Set<TopicPartition> killedOwned = Await.value("b's standbys caught up with a's tasks",
          Duration.ofMinutes(30),
          () -> standbysCaughtUp(b, changelogs));
      final long caughtUp = System.nanoTime();
      LOG.info("b's standbys caught up {} ms after both ran; a owns {}", (caughtUp - running) / 1_000_000,
          killedOwned);

      final AtomicLong sent = new AtomicLong();
      final AtomicLong acked = new AtomicLong();
      final AtomicReference<Exception> failure = new AtomicReference<>();
      final long before = outcomes.count();
      if (loadPerSecond > 0) {
        final int perTick = Math.max(1, loadPerSecond / TICKS_PER_SECOND);
        pacer.scheduleAtFixedRate(() -> {
          for (int i = 0; i < perTick; i++) {
            producer.send(Population.record(population.extraGrant(sent.getAndIncrement())), (m, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              } else {
                failure.compareAndSet(null, error);
              }
            });
          }
        }, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        // a is processing the load (so it dies with a transaction open, as in production).
        outcomes.awaitCount("a serving the load", before + perTick * 5L, Instances.READY);
      }
      final long restoreLogOffset = RestoreLog.length(b.log());
      a.kill();
      final long killed = System.nanoTime();
      final List<LedgerEvent> probes = RestoreBench.probes(population, "failover");
      outcomes.watch(probes);
      RestoreBench.send(producer, probes);
      LOG.info("Probes acknowledged {} ms after the kill", (System.nanoTime() - killed) / 1_000_000);
      final Map<String, Long> seen = outcomes.awaitAll("every partition's probes answered after the kill", probes,
          Duration.ofMinutes(10));
      final Map<Integer, Long> byPartition = new TreeMap<>();
      for (int i = 0; i < probes.size(); i++) {
        final long millis = (seen.get(probes.get(i).getEventId().toString()) - killed) / 1_000_000;
        LOG.info("Partition {} {} probe answered {} ms after the kill", i / 2, i % 2 == 0 ? "grant" : "purchase",
            millis);
        byPartition.merge(i / 2, millis, Math::max);
      }
      final long serving = byPartition.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      LOG.info("Every partition served {} ms after a was killed: {}", serving, byPartition);

      pacer.shutdown();
      if (!pacer.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the load did not stop");
      }
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException("a send of the failover's load failed", failure.get());
      }
      outcomes.awaitCount("an outcome for every event of the failover's load",
          outcomesBefore + acked.get() + probes.size(), Duration.ofMinutes(5));
      final boolean survivorOwnsAll = allPartitions().equals(
          Await.value("b owning every partition", Duration.ofMinutes(2), () -> {
            final Set<TopicPartition> owned = Ownership.active(admin, instances.applicationId(), NAMES)
                .get(NAMES.get(1))
                .stream().filter(allPartitions()::contains).collect(Collectors.toSet());
            return owned.size() == allPartitions().size() ? Optional.of(owned) : Optional.empty();
          }));
      final long restoredAtFailover = RestoreLog.read(b.log(), restoreLogOffset).restored();
      return new RestoreResult.Failover(killedOwned, survivorOwnsAll, serving, byPartition,
          (caughtUp - running) / 1_000_000, restoredAtFailover, sent.get(), acked.get());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pacer.shutdownNow();
    }
  }

  /**
   * The input partitions a owns, once b's restore consumer has no lag left on every changelog partition of a's
   * tasks (task {@code 0_p} reads {@code coffer.ledger-events} p and logs {@code receipts}; task {@code 1_p} reads
   * {@code coffer.ledger-sequence} p and logs {@code player-state} and {@code player-events}); empty before.
   */
  private Optional<Set<TopicPartition>> standbysCaughtUp(final LedgerProcess b, final Collection<String> changelogs) {
    // The receipt stage and the fold: the player directory's stage (its own input) holds no player state here.
    final Set<TopicPartition> inputs = allPartitions();
    final Map<String, Set<TopicPartition>> owned = new HashMap<>();
    Ownership.active(admin, instances.applicationId(), NAMES).forEach((name, partitions) -> owned.put(name,
        partitions.stream().filter(inputs::contains).collect(Collectors.toSet())));
    final Set<TopicPartition> all = new HashSet<>(owned.get(NAMES.get(0)));
    all.addAll(owned.get(NAMES.get(1)));
    if (!all.equals(inputs) || owned.get(NAMES.get(0)).isEmpty()) {
      return Optional.empty();
    }
    final Set<TopicPartition> standby = new HashSet<>();
    for (final TopicPartition input : owned.get(NAMES.get(0))) {
      final boolean receipts = input.topic().equals(CofferTopics.LEDGER_EVENTS.name());
      for (final String changelog : changelogs) {
        if (changelog.endsWith("-" + LedgerStores.PLAYER_DIRECTORY + "-changelog")) {
          continue;
        }
        if (changelog.endsWith("-receipts-changelog") == receipts) {
          standby.add(new TopicPartition(changelog, input.partition()));
        }
      }
    }
    final Map<TopicPartition, Double> lag = Ownership.restoreLag(b.opsPort());
    final boolean caughtUp = standby.stream().allMatch(p -> lag.containsKey(p) && lag.get(p) == 0.0);
    return caughtUp ? Optional.of(owned.get(NAMES.get(0))) : Optional.empty();
  }

  private static Set<TopicPartition> allPartitions() {
    final Set<TopicPartition> all = new HashSet<>();
    for (final String topic : List.of(CofferTopics.LEDGER_EVENTS.name(), CofferTopics.LEDGER_SEQUENCE.name())) {
      for (int p = 0; p < CofferTopics.LEDGER_EVENTS.partitions(); p++) {
        all.add(new TopicPartition(topic, p));
      }
    }
    return all;
  }
}

package dev.coffer.bench.fault;

import dev.coffer.bench.BenchKafka;
import dev.coffer.bench.ledger.GatewayShapedLog;
import dev.coffer.bench.load.MixedEvents;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.topics.CofferTopics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault run's load and its faults: a scheduled producer offers mixed events at a fixed rate, where the
 * gateway writes them, while the faults are spread evenly over the run, alternating victims (SIGKILL then an
 * immediate restart, or SIGSTOP for {@code pauseLength} then SIGCONT).
 */
final class FaultedLoad {
  private static final Logger LOG = LoggerFactory.getLogger(FaultedLoad.class);
  private static final int TICKS_PER_SECOND = 20;

  /**
   * What the load sent and which faults it made.
   *
   * @param sent events handed to the producer
   * @param acked the eventIds the broker acknowledged
   * @param failures sends that failed
   * @param kills SIGKILLs done
   * @param pauses SIGSTOP/SIGCONT pairs done
   */
  record Sent(long sent, Set<String> acked, long failures, int kills, int pauses) {
  }

  private FaultedLoad() {
  }

  /**
   * Offers {@code events} for {@code options.duration()} while killing and pausing {@code instances}, then
   * flushes the producer.
   */
  static Sent run(final String bootstrapServers, final RestSchemaRegistry registry, final MixedEvents events,
                  final FaultOptions options, final List<LedgerProcess> instances) throws InterruptedException {
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    int kills = 0;
    int pauses = 0;
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
    return new Sent(sent.get(), acked, failures.get(), kills, pauses);
  }
}

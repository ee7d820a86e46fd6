package dev.coffer.bench.restore;

import dev.coffer.bench.fault.LedgerProcess;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.FreePorts;
import dev.coffer.ledger.runtime.LedgerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The ledger instances of a restore run: {@code LedgerMain} child JVMs of one application on Coffer's
 * topics, configured as production would be on this one-broker cluster (the ledger's defaults for
 * everything but replication and the ops port, and one standby), logging what {@link RestoreLog} reads.
 */
final class Instances {
  /** How long an instance may take to start and become RUNNING on a loaded machine. */
  static final Duration READY = Duration.ofMinutes(3);
  /** The Kafka settings that bound a failover, reported beside it. */
  static final List<String> FAILOVER_SETTINGS = List.of("session.timeout.ms", "heartbeat.interval.ms",
      "transaction.timeout.ms");

  private final String bootstrapServers;
  private final String registryUrl;
  private final String applicationId;
  private final Path work;
  private final Path logback;
  private final RestoreOptions options;
  // Each instance's ops port is distinct from those given before (the instances are made before any binds).
  private final Set<Integer> portsGiven = new HashSet<>();

  Instances(final String bootstrapServers, final String registryUrl, final String applicationId, final Path work,
            final RestoreOptions options) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.applicationId = applicationId;
    this.work = work;
    this.options = options;
    this.logback = RestoreLog.writeLogback(work.resolve("logback-restore.xml"));
  }

  String applicationId() {
    return applicationId;
  }

  /**
   * Instance {@code name} (its files under the work folder), configured with one standby replica: production's
   * setting, which a lone instance cannot honour (it has no standby until a second one joins).
   */
  LedgerProcess instance(final String name) {
    final int port = FreePorts.otherThan(portsGiven);
    portsGiven.add(port);
    return new LedgerProcess(name, work, port, settings(name), jvmOptions());
  }

  /** The JVM options of every instance (and of the fresh-JVM read, {@link FreshJvmRead}). */
  List<String> jvmOptions() {
    final List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.heap(), "-XX:+UseSerialGC",
        "-Dlogback.configurationFile=" + logback));
    if (options.quickStart()) {
      jvm.add("-XX:TieredStopAtLevel=1");
    }
    return jvm;
  }

  /** The work folder. */
  Path work() {
    return work;
  }

  private Map<String, String> settings(final String name) {
    final Map<String, String> settings = LedgerProcess.oneBrokerSettings(bootstrapServers, registryUrl,
        applicationId, 1);
    // Streams names its clients after client.id: the group's members say which instance they are.
    settings.put(LedgerConfig.KAFKA_PREFIX + "client.id", name);
    settings.putAll(options.ledgerSettings());
    return settings;
  }

  /**
   * The failover settings the instances run with, as {@link LedgerConfig} hands them to Kafka Streams
   * (the most specific prefix wins, as in Streams), or "Kafka's default".
   */
  Map<String, String> failoverSettings() {
    final Map<String, String> settings = settings("probe");
    settings.put(LedgerConfig.STATE_DIR, work.resolve("unused").toString());
    final Properties streams = LedgerConfig.fromMap(settings).streamsProperties();
    final Map<String, String> out = new LinkedHashMap<>();
    for (final String key : FAILOVER_SETTINGS) {
      final String value = key.startsWith("transaction")
          ? streams.getProperty("producer." + key, streams.getProperty(key))
          : streams.getProperty("main.consumer." + key, streams.getProperty("consumer." + key,
              streams.getProperty(key)));
      out.put(key, value == null ? "Kafka's default" : value);
    }
    return out;
  }

  /** Starts {@code instance} and waits until it is RUNNING. */
  static void startAndAwait(final LedgerProcess instance) {
    instance.start();
    awaitHealthy(instance);
  }

  /** Waits until {@code instance} is RUNNING. */
  static void awaitHealthy(final LedgerProcess instance) {
    Await.until(instance.name() + " RUNNING", READY, instance::healthy);
  }
}

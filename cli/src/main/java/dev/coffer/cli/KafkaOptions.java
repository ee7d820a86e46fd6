package dev.coffer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are: the options of the commands that read or write topics. */
public final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
      defaultValue = "${env:COFFER_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "Kafka's bootstrap servers (env COFFER_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--registry-url", paramLabel = "URL",
      defaultValue = "${env:COFFER_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}",
      description = "The schema registry's Confluent-compatible URL (env COFFER_REGISTRY_URL; default: "
          + "${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "A properties file of further Kafka client settings (security: security.protocol, sasl.*, "
          + "ssl.*).")
  Path kafkaConfig;

  /** The bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The registry URL. */
  public String registryUrl() {
    return registryUrl;
  }

  /** The Kafka client settings: bootstrap servers and the config file's. */
  public Map<String, Object> clientConfig() {
    final Map<String, Object> config = new HashMap<>();
    extra().forEach(config::put);
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  /** The config file's settings, as text. */
  public Map<String, String> extra() {
    final Map<String, String> settings = new HashMap<>();
    if (kafkaConfig != null) {
      final Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (final IOException e) {
        throw new UsageException("cannot read --kafka-config " + kafkaConfig + ": " + e.getMessage());
      }
      properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    }
    return settings;
  }
}

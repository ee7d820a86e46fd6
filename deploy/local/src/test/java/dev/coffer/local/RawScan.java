package dev.coffer.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for strings as raw bytes where a person's data could hide: every record of every topic of a
 * cluster (internal ones and aborted transactions included; keys, values, header names and values, as
 * the consumer hands them over, decompressed), and every file under a folder (broker log segments, state
 * stores, checkpoints). Finds a string as its UTF-8 bytes wherever it sits, e.g. inside Avro or JSON.
 */
final class RawScan {
  private RawScan() {
  }

  /**
   * Where each needle was found in the cluster's topics: needle to the topics holding it.
   *
   * @param bootstrapServers the cluster
   * @param needles what to look for
   * @return needle to topics; a needle found nowhere is absent
   */
  static Map<String, Set<String>> topics(final String bootstrapServers, final Collection<String> needles) {
    final Map<String, Set<String>> found = new TreeMap<>();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      for (final String topic : new TreeSet<>(names)) {
        for (final ConsumerRecord<byte[], byte[]> r : readAll(consumer, topic)) {
          final List<byte[]> parts = new ArrayList<>();
          parts.add(r.key());
          parts.add(r.value());
          for (final Header h : r.headers()) {
            parts.add(h.key().getBytes(StandardCharsets.UTF_8));
            parts.add(h.value());
          }
          for (final String needle : needles) {
            if (parts.stream().anyMatch(p -> contains(p, needle))) {
              found.computeIfAbsent(needle, n -> new TreeSet<>()).add(topic);
            }
          }
        }
      }
      return found;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted listing topics", e);
    } catch (final java.util.concurrent.ExecutionException e) {
      throw new AssertionError("cannot list topics", e);
    }
  }

  /** How many records every topic holds, read as {@link #topics} reads them (for the report). */
  static Map<String, Integer> recordCounts(final String bootstrapServers) {
    final Map<String, Integer> counts = new TreeMap<>();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (final String topic : new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
          .get())) {
        counts.put(topic, readAll(consumer, topic).size());
      }
      return counts;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted listing topics", e);
    } catch (final java.util.concurrent.ExecutionException e) {
      throw new AssertionError("cannot list topics", e);
    }
  }

  /**
   * Where each needle was found in the files under {@code root}: needle to the files holding it.
   *
   * @param root a folder
   * @param needles what to look for
   * @return needle to files (relative to root); a needle found nowhere is absent
   */
  static Map<String, Set<String>> files(final Path root, final Collection<String> needles) {
    final Map<String, Set<String>> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (final Path file : files.filter(Files::isRegularFile).toList()) {
        final byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (final IOException e) {
          // A file the running services removed meanwhile (a rolled RocksDB log): nothing left to read.
          continue;
        }
        for (final String needle : needles) {
          if (contains(bytes, needle)) {
            found.computeIfAbsent(needle, n -> new TreeSet<>()).add(root.relativize(file).toString());
          }
        }
      }
      return found;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot walk " + root, e);
    }
  }

  /** The values of {@code key} in {@code topic}, in offset order within its partition (null: a tombstone). */
  static List<byte[]> values(final String bootstrapServers, final String topic, final String key) {
    final Map<String, Object> config = config(bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      final byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
      final List<byte[]> values = new ArrayList<>();
      for (final ConsumerRecord<byte[], byte[]> r : readAll(consumer, topic)) {
        if (java.util.Arrays.equals(r.key(), wanted)) {
          values.add(r.value());
        }
      }
      return values;
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(final KafkaConsumer<byte[], byte[]> consumer,
                                                              final String topic) {
    final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    final Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out reading " + topic);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  private static Map<String, Object> config(final String bootstrapServers) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Aborted transactions too: what a broker keeps, not only what readers are shown.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    return config;
  }

  /** Whether {@code haystack} holds the UTF-8 bytes of {@code needle}. */
  static boolean contains(final byte[] haystack, final String needle) {
    if (haystack == null) {
      return false;
    }
    final byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer : for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

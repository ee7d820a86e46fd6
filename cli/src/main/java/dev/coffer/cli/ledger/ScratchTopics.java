package dev.coffer.cli.ledger;

import dev.coffer.cli.UsageException;
import dev.coffer.service.topics.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/** A replay's output topics: Coffer's output topics under a prefix, made before the replay starts. */
final class ScratchTopics {
  private final String prefix;
  private final short replicationFactor;

  ScratchTopics(final String prefix, final short replicationFactor) {
    if (prefix.isBlank()) {
      throw new UsageException("--scratch-prefix must not be blank");
    }
    this.prefix = prefix;
    this.replicationFactor = replicationFactor;
  }

  String prefix() {
    return prefix;
  }

  String outcomes() {
    return prefix + "ledger-outcomes";
  }

  String walletChanges() {
    return prefix + "wallet-changes";
  }

  String inventoryChanges() {
    return prefix + "inventory-changes";
  }

  String purchaseLog() {
    return prefix + "purchase-log";
  }

  String deadLetters() {
    return prefix + "ledger-dead-letters";
  }

  String purchaseIndex() {
    return prefix + "purchase-index";
  }

  /**
   * Checks the application id is fresh and the sequence topic exists, then creates the scratch topics with
   * the sequence topic's partition count.
   *
   * @return the sequence topic's partition count
   */
  int prepare(final Admin admin, final String sequenceTopic, final String applicationId) {
    final Set<String> existing = SequenceProgress.get(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
    if (!existing.contains(sequenceTopic)) {
      throw new UsageException("no topic " + sequenceTopic + " on this cluster");
    }
    final boolean used = existing.stream().anyMatch(t -> t.startsWith(applicationId + "-"))
        || !SequenceProgress.get(() -> admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS)).isEmpty();
    if (used) {
      throw new UsageException("application id " + applicationId + " was used before; a replay needs a fresh one");
    }
    final List<String> names = List.of(outcomes(), walletChanges(), inventoryChanges(), purchaseLog(), deadLetters(),
        purchaseIndex());
    final List<String> clash = names.stream().filter(existing::contains).toList();
    if (!clash.isEmpty()) {
      throw new UsageException("scratch topics exist already: " + clash + "; choose another --scratch-prefix");
    }
    final TopicDescription sequence = SequenceProgress.get(() -> admin.describeTopics(List.of(sequenceTopic))
        .allTopicNames().get(30, TimeUnit.SECONDS).get(sequenceTopic));
    final int partitions = sequence.partitions().size();
    final List<NewTopic> topics = new ArrayList<>();
    for (final String name : names) {
      final NewTopic topic = new NewTopic(name, partitions, replicationFactor);
      if (name.equals(purchaseIndex())) {
        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      }
      topics.add(topic);
    }
    SequenceProgress.get(() -> admin.createTopics(topics).all().get(30, TimeUnit.SECONDS));
    // The replay produces at once: every new partition's leader must be acting (KAFKA-14359).
    PartitionLeaders.await(admin, names, Duration.ofSeconds(30));
    return partitions;
  }

  /** Deletes the scratch topics and the replay application's internal topics. */
  void delete(final Admin admin, final String applicationId) {
    final Set<String> existing = SequenceProgress.get(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
    final List<String> doomed = existing.stream().filter(t -> t.startsWith(prefix)
        || t.startsWith(applicationId + "-")).toList();
    SequenceProgress.get(() -> admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS));
  }
}

package dev.coffer.bench.restore;

import dev.coffer.bench.MetricsScrape;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Who holds what, seen from outside the instances: the input partitions each instance's stream thread owns
 * (its active tasks), from the broker's view of the consumer group, and how far behind a standby is, from
 * the lag of the instance's restore consumer on its ops {@code /metrics} endpoint (Kafka's
 * {@code records-lag} per changelog partition, which Kafka Streams' Micrometer binding exports).
 */
final class Ownership {
  private static final Duration ADMIN = Duration.ofSeconds(30);
  private static final String LAG = "kafka_consumer_fetch_manager_records_lag{";
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private Ownership() {
  }

  /**
   * The input partitions each member of the application's group owns, by client id prefix (the
   * instances set {@code client.id} to their name).
   */
  static Map<String, Set<TopicPartition>> active(final Admin admin, final String applicationId,
                                                 final List<String> instances) {
    final ConsumerGroupDescription group;
    try {
      group = admin.describeConsumerGroups(List.of(applicationId)).all().get(ADMIN.toMillis(), TimeUnit.MILLISECONDS)
          .get(applicationId);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing group " + applicationId, e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("describing group " + applicationId + " failed", e);
    }
    final Map<String, Set<TopicPartition>> owned = new HashMap<>();
    instances.forEach(i -> owned.put(i, new TreeSet<>(Ownership::compare)));
    for (final MemberDescription member : group.members()) {
      for (final String instance : instances) {
        if (member.clientId().startsWith(instance + "-")) {
          owned.get(instance).addAll(member.assignment().topicPartitions());
        }
      }
    }
    return owned;
  }

  /**
   * The restore consumer's lag per changelog partition it reads (standby tasks, and active tasks while they
   * restore), from the instance's {@code /metrics}.
   */
  static Map<TopicPartition, Double> restoreLag(final int opsPort) {
    final String text = MetricsScrape.of(opsPort);
    final Map<TopicPartition, Double> lag = new HashMap<>();
    for (final String line : text.split("\n")) {
      if (!line.startsWith(LAG)) {
        continue;
      }
      final Map<String, String> labels = new HashMap<>();
      final Matcher m = LABEL.matcher(line.substring(0, line.lastIndexOf('}')));
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
      if (labels.getOrDefault("client_id", "").endsWith("restore-consumer") && labels.containsKey("topic")) {
        lag.put(new TopicPartition(labels.get("topic"), Integer.parseInt(labels.get("partition"))),
            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return lag;
  }

  private static int compare(final TopicPartition a, final TopicPartition b) {
    final int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}

package dev.coffer.service.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until every partition of just-created topics is served by its leader.
 *
 * <p>Why: {@code createTopics} returns before the leaders act as leaders. An idempotent producer that
 * sends at once may have its first batch of a partition (sequence 0) refused with
 * {@code NOT_LEADER_OR_FOLLOWER} while its next, pipelined batch is accepted as the partition's first;
 * the retried first batch is then refused with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery
 * timeout (KAFKA-14359; seen here in the bench, which failed after 120 s). A {@code ListOffsets} is answered
 * only by a partition's acting leader, the same check a produce passes, and writes nothing. Retriable answers (a
 * broker that does not know the topic yet, a leader on a broker that just died and is not fenced yet) are asked
 * again until the deadline.
 */
public final class PartitionLeaders {
  private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

  private PartitionLeaders() {
  }

  /**
   * Returns once every partition of {@code topics} answers a {@code ListOffsets} from its leader.
   *
   * @throws IllegalStateException if that takes longer than {@code timeout}, or a topic does not exist
   */
  public static void await(final Admin admin, final Collection<String> topics, final Duration timeout) {
    if (topics.isEmpty()) {
      return;
    }
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      try {
        check(admin, topics, left);
        return;
      } catch (final ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || deadline - System.nanoTime() <= 0) {
          throw new IllegalStateException("the partitions of " + topics + " had no acting leader within " + timeout,
              e.getCause());
        }
      } catch (final TimeoutException e) {
        throw new IllegalStateException("the partitions of " + topics + " had no acting leader within " + timeout,
            e);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the leaders of " + topics, e);
      }
      pause();
    }
  }

  private static void check(final Admin admin, final Collection<String> topics, final Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    final int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    final Map<String, TopicDescription> described = admin.describeTopics(topics,
        new DescribeTopicsOptions().timeoutMs(millis)).allTopicNames().get(millis, TimeUnit.MILLISECONDS);
    final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    described.values().forEach(d -> d.partitions().forEach(
        p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(millis)).all()
        .get(millis, TimeUnit.MILLISECONDS);
  }

  /** The back-off between two checks (a retriable answer comes back at once). */
  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF.toMillis());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for partition leaders", e);
    }
  }
}

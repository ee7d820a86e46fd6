package dev.coffer.cli.ledger;

import dev.coffer.cli.TopicScan;
import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.RejectionReason;
import dev.coffer.schemas.outcome.RejectionReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The outcomes a replay wrote, summed up (by status, by rejection reason, players), and compared with the
 * live ledger's: per player, the replay's outcomes must be the first ones the live ledger wrote, in the same
 * order and byte for byte (the fold is deterministic). Memory grows with players, not with outcomes: each
 * player keeps a count and a running SHA-256.
 */
final class ReplayOutcomes {
  private final Map<String, Long> byStatus = new TreeMap<>();
  private final Map<String, Long> byReason = new TreeMap<>();
  private final Map<String, PlayerDigest> players = new HashMap<>();
  private long outcomes;

  /** Reads {@code topic} whole (to its committed end) into a summary. */
  static ReplayOutcomes read(final Map<String, Object> clientConfig, final String topic,
                             final Deserializer<LedgerOutcome> values) {
    final ReplayOutcomes summary = new ReplayOutcomes();
    scan(clientConfig, topic, values, (key, outcome) -> {
      summary.outcomes++;
      summary.byStatus.merge(outcome.getStatus().name(), 1L, Long::sum);
      final RejectionReason reason = RejectionReasons.of(outcome);
      if (reason != null) {
        summary.byReason.merge(reason.name(), 1L, Long::sum);
      }
      summary.players.computeIfAbsent(key, k -> new PlayerDigest()).add(outcome);
    });
    return summary;
  }

  long outcomes() {
    return outcomes;
  }

  Map<String, Long> byStatus() {
    return byStatus;
  }

  Map<String, Long> byReason() {
    return byReason;
  }

  int players() {
    return players.size();
  }

  /**
   * The players whose replayed outcomes are not the first of the live ones (at most {@code limit} named).
   *
   * @return the differing players, empty when the replay matches
   */
  List<String> differences(final Map<String, Object> clientConfig, final String liveTopic,
                           final Deserializer<LedgerOutcome> values, final int limit) {
    final Map<String, PlayerDigest> live = new HashMap<>();
    scan(clientConfig, liveTopic, values, (key, outcome) -> {
      final PlayerDigest replayed = players.get(key);
      final PlayerDigest mine = live.computeIfAbsent(key, k -> new PlayerDigest());
      if (replayed != null && mine.count < replayed.count) {
        mine.add(outcome);
      }
    });
    final List<String> differing = new ArrayList<>();
    for (final Map.Entry<String, PlayerDigest> e : new TreeMap<>(players).entrySet()) {
      final PlayerDigest theirs = live.get(e.getKey());
      if (theirs == null || !e.getValue().sameAs(theirs)) {
        differing.add(e.getKey() + " (replayed " + e.getValue().count + " outcomes, live "
            + (theirs == null ? 0 : theirs.count) + (theirs == null || theirs.count < e.getValue().count ? ""
                : ", different") + ")");
        if (differing.size() >= limit) {
          break;
        }
      }
    }
    return differing;
  }

  private static void scan(final Map<String, Object> clientConfig, final String topic,
                           final Deserializer<LedgerOutcome> values, final BiConsumer<String, LedgerOutcome> each) {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    TopicScan.read(config, topic, new StringDeserializer(), values, Long.MAX_VALUE, null, r -> {
      if (r.value() != null) {
        each.accept(r.key(), r.value());
      }
    });
  }

  /** A player's outcomes so far: how many, and a running hash of their bytes. */
  private static final class PlayerDigest {
    private final MessageDigest sha;
    private long count;

    PlayerDigest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (final NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }

    void add(final LedgerOutcome outcome) {
      try {
        final ByteBuffer bytes = outcome.toByteBuffer();
        sha.update(ByteBuffer.allocate(4).putInt(bytes.remaining()).flip());
        sha.update(bytes);
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot encode an outcome", e);
      }
      count++;
    }

    boolean sameAs(final PlayerDigest other) {
      try {
        return count == other.count && MessageDigest.isEqual(((MessageDigest) sha.clone()).digest(),
            ((MessageDigest) other.sha.clone()).digest());
      } catch (final CloneNotSupportedException e) {
        throw new IllegalStateException("SHA-256 cannot be cloned", e);
      }
    }
  }
}

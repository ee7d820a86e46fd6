package dev.coffer.ledger.directory;

import dev.coffer.ledger.Topic;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.registry.AvroSerde;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.schemas.privacy.PlayerDataKey;
import dev.coffer.topics.CofferTopics;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topics of the player directory stage.
 *
 * @param requests {@code coffer.player-directory-requests}, keyed {@code appId|lookup} (input)
 * @param directory {@code coffer.player-directory}, keyed {@code appId|lookup} (answers and the record)
 * @param playerKeys {@code coffer.player-keys}, keyed by player key
 */
public record DirectoryTopics(Topic<String, DirectoryRequest> requests, Topic<String, DirectoryEntry> directory,
                              Topic<String, PlayerDataKey> playerKeys) {
  public DirectoryTopics {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(playerKeys, "playerKeys");
  }

  /**
   * Coffer's directory topics with Avro values from {@code serdes}.
   *
   * @param serdes the value serde of each Avro type
   * @return the topics
   */
  public static DirectoryTopics withValueSerdes(final LedgerTopics.ValueSerdes serdes) {
    return new DirectoryTopics(
        new Topic<>(CofferTopics.PLAYER_DIRECTORY_REQUESTS.name(), Serdes.String(),
            serdes.forType(DirectoryRequest.class)),
        new Topic<>(CofferTopics.PLAYER_DIRECTORY.name(), Serdes.String(), serdes.forType(DirectoryEntry.class)),
        new Topic<>(CofferTopics.PLAYER_KEYS.name(), Serdes.String(), serdes.forType(PlayerDataKey.class)));
  }

  /**
   * Coffer's directory topics with registry-framed Avro values that register their schemas if missing.
   *
   * @param registry the schema registry
   * @return the topics
   */
  public static DirectoryTopics withRegistry(final SchemaRegistry registry) {
    return withValueSerdes(new LedgerTopics.ValueSerdes() {
      @Override
      public <T extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Serde<T>
          forType(final Class<T> type) {
        return new AvroSerde<>(registry, type, false);
      }
    });
  }
}

package dev.coffer.ledger.directory;

import dev.coffer.registry.SchemaRegistry;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.schemas.privacy.PlayerDataKey;
import dev.coffer.topics.Topic;
import dev.coffer.topics.TypedTopics;
import java.util.List;
import java.util.Objects;

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

  /** Coffer's directory topics ({@link TypedTopics}). */
  public static DirectoryTopics of(final TypedTopics topics) {
    return new DirectoryTopics(topics.playerDirectoryRequests(), topics.playerDirectory(), topics.playerKeys());
  }

  /** Coffer's directory topics with registry-framed Avro values that register their schemas if missing. */
  public static DirectoryTopics withRegistry(final SchemaRegistry registry) {
    return withRegistry(registry, true);
  }

  /**
   * Coffer's directory topics with registry-framed Avro values.
   *
   * @param autoRegister whether writers register missing schemas (off in production: the installer does)
   */
  public static DirectoryTopics withRegistry(final SchemaRegistry registry, final boolean autoRegister) {
    return of(TypedTopics.withRegistry(registry, autoRegister));
  }

  /** The topics the directory stage writes: their value subjects must be registered before it starts. */
  public List<Topic<?, ?>> written() {
    return List.of(directory, playerKeys);
  }

  /** The same serdes on other topics: a test's own copies of Coffer's topics. */
  public DirectoryTopics named(final String requestsName, final String directoryName, final String playerKeysName) {
    return new DirectoryTopics(requests.named(requestsName), directory.named(directoryName),
        playerKeys.named(playerKeysName));
  }
}

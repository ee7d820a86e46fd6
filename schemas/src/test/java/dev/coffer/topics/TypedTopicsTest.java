package dev.coffer.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.registry.AvroClassTrust;
import dev.coffer.registry.InMemorySchemaRegistry;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TypedTopicsTest {
  @BeforeAll
  static void trustCoffersClasses() {
    AvroClassTrust.install();
  }

  private final TypedTopics topics = TypedTopics.withRegistry(new InMemorySchemaRegistry(), true);

  @Test
  void everyCofferTopicIsTypedOnce() {
    final List<Topic<?, ?>> typed = List.of(topics.ledgerEvents(), topics.ledgerSequence(), topics.ledgerOutcomes(),
        topics.walletChanges(), topics.inventoryChanges(), topics.purchaseLog(), topics.purchaseIndex(), topics
            .catalog(),
        topics.playerKeys(), topics.playerDirectoryRequests(), topics.playerDirectory(), topics.webhookDeliveries(),
        topics.ledgerDeadLetters(), topics.webhookDeadLetters());

    assertThat(typed).extracting(Topic::name)
        .containsExactlyElementsOf(CofferTopics.all().stream().map(TopicSpec::name).toList());
  }

  @Test
  void valuesGoThroughTheirTopicsSerdesAndKeysAreUtf8() {
    final Topic<String, PlayerDataKey> keys = topics.playerKeys();
    final PlayerDataKey value = PlayerDataKey.newBuilder().setAppId("app").setPlayerRef("ref")
        .setWrappedKey(ByteBuffer.wrap(new byte[32])).setCreatedAt(Instant.EPOCH).build();

    final byte[] bytes = keys.valueSerde().serializer().serialize(keys.name(), value);

    assertThat(keys.valueSerde().deserializer().deserialize(keys.name(), bytes)).isEqualTo(value);
    assertThat(keys.keySerde().serializer().serialize(keys.name(), "app|ref"))
        .isEqualTo("app|ref".getBytes(StandardCharsets.UTF_8));
    assertThat(keys.named("copy").name()).isEqualTo("copy");
  }
}

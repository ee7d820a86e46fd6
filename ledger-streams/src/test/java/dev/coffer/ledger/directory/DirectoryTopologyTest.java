package dev.coffer.ledger.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.LedgerObserver;
import dev.coffer.ledger.LedgerStores;
import dev.coffer.ledger.LedgerTopics;
import dev.coffer.ledger.topology.LedgerTopology;
import dev.coffer.registry.InMemorySchemaRegistry;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryOp;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.schemas.directory.DirectoryState;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTopologyTest {
  private static final String APP = "demo";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path stateDir;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final LedgerTopics topics = LedgerTopics.withRegistry(registry);
  private final DirectoryTopics directoryTopics = DirectoryTopics.withRegistry(registry);
  private final List<String> deadLetterReasons = new ArrayList<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, DirectoryRequest> requests;
  private TestInputTopic<byte[], byte[]> rawRequests;
  private TestOutputTopic<String, DirectoryEntry> answers;
  private TestOutputTopic<String, PlayerDataKey> keys;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void start() {
    final Properties props = new Properties();
    props.putAll(LedgerTopology.REQUIRED_CONFIG);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "directory-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    final LedgerObserver observer = new LedgerObserver() {
      @Override
      public void onOutcome(final String appId, final String status, final String reason) {
      }

      @Override
      public void onDeadLetter(final String reason) {
        deadLetterReasons.add(reason);
      }

      @Override
      public void onRedelivery(final String appId) {
      }
    };
    driver = new TopologyTestDriver(LedgerTopology.build(topics, directoryTopics, observer,
        dev.coffer.ledger.fold.Limits.DEFAULTS), props, T0);
    requests = driver.createInputTopic(directoryTopics.requests().name(), new StringSerializer(),
        directoryTopics.requests().valueSerde().serializer());
    rawRequests = driver.createInputTopic(directoryTopics.requests().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    answers = driver.createOutputTopic(directoryTopics.directory().name(), new StringDeserializer(),
        directoryTopics.directory().valueSerde().deserializer());
    keys = driver.createOutputTopic(directoryTopics.playerKeys().name(), new StringDeserializer(),
        directoryTopics.playerKeys().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aLookupNeverSeenIsAnsweredWithATombstoneAndNothingIsKept() {
    final TestRecord<String, DirectoryEntry> answer = ask("alice", DirectoryOp.RESOLVE, "r1", null, null, null);

    assertThat(answer.key()).isEqualTo(APP + "|alice");
    assertThat(answer.value()).isNull();
    assertThat(requestId(answer)).isEqualTo("r1");
    assertThat(ask("alice", DirectoryOp.ERASE, "r2", null, null, new byte[] {1}).value()).as("erasing nobody").isNull();
    assertThat(store().get(APP + "|alice")).isNull();
    assertThat(keys.isEmpty()).isTrue();
  }

  @Test
  void theFirstCreateWinsAndEveryLaterOneLearnsItsRefAndKey() {
    final TestRecord<String, DirectoryEntry> created = ask("alice", DirectoryOp.CREATE, "r1", "ref-a", key(1), null);
    final TestRecord<String, DirectoryEntry> raced = ask("alice", DirectoryOp.CREATE, "r2", "ref-b", key(2), null);
    final TestRecord<String, DirectoryEntry> resolved = ask("alice", DirectoryOp.RESOLVE, "r3", null, null, null);

    for (final TestRecord<String, DirectoryEntry> answer : List.of(created, raced, resolved)) {
      assertThat(answer.value().getState()).isEqualTo(DirectoryState.ACTIVE);
      assertThat(answer.value().getPlayerRef()).isEqualTo("ref-a");
      assertThat(bytes(answer.value().getWrappedKey())).isEqualTo(key(1));
    }
    assertThat(List.of(requestId(created), requestId(raced), requestId(resolved))).containsExactly("r1", "r2", "r3");
    final List<TestRecord<String, PlayerDataKey>> written = keys.readRecordsToList();
    assertThat(written).singleElement().satisfies(k -> {
      assertThat(k.key()).isEqualTo(APP + "|ref-a");
      assertThat(bytes(k.value().getWrappedKey())).isEqualTo(key(1));
      assertThat(k.value().getErasedAt()).isNull();
    });
  }

  @Test
  void erasureLeavesAMarkerWithoutRefOrKeyAndHandsTheKeyToItsDestruction() {
    ask("alice", DirectoryOp.CREATE, "r1", "ref-a", key(1), null);
    keys.readRecordsToList();
    final byte[] encryptedId = "sealed-external-id".getBytes(StandardCharsets.UTF_8);

    final TestRecord<String, DirectoryEntry> erased = ask("alice", DirectoryOp.ERASE, "r2", null, null,
        encryptedId);
    final TestRecord<String, DirectoryEntry> again = ask("alice", DirectoryOp.ERASE, "r3", null, null, encryptedId);

    assertThat(erased.value().getState()).isEqualTo(DirectoryState.ERASED);
    assertThat(erased.value().getPlayerRef()).isNull();
    assertThat(erased.value().getWrappedKey()).isNull();
    assertThat(again.value().getState()).as("erasing twice changes nothing").isEqualTo(DirectoryState.ERASED);
    assertThat(store().get(APP + "|alice")).satisfies(r -> {
      assertThat(r.erased()).isTrue();
      assertThat(r.playerRef()).isNull();
    });
    assertThat(keys.readRecordsToList()).singleElement().satisfies(k -> {
      assertThat(k.key()).isEqualTo(APP + "|ref-a");
      assertThat(k.value().getErasedAt()).isNotNull();
      assertThat(bytes(k.value().getWrappedKey())).isEqualTo(key(1));
      assertThat(bytes(k.value().getEncryptedExternalId())).isEqualTo(encryptedId);
    });
  }

  @Test
  void aCreateAfterErasureStartsANewUnlinkedPlayer() {
    ask("alice", DirectoryOp.CREATE, "r1", "ref-a", key(1), null);
    ask("alice", DirectoryOp.ERASE, "r2", null, null, null);

    final TestRecord<String, DirectoryEntry> reborn = ask("alice", DirectoryOp.CREATE, "r3", "ref-b", key(2), null);

    assertThat(reborn.value().getState()).isEqualTo(DirectoryState.ACTIVE);
    assertThat(reborn.value().getPlayerRef()).isEqualTo("ref-b");
    assertThat(ask("alice", DirectoryOp.RESOLVE, "r4", null, null, null).value().getPlayerRef()).isEqualTo("ref-b");
  }

  @Test
  void aCreateWithoutRefOrKeyIsAnsweredAsTheEntryStands() {
    assertThat(ask("bob", DirectoryOp.CREATE, "r1", null, key(1), null).value()).isNull();
    assertThat(ask("bob", DirectoryOp.CREATE, "r2", "bad|ref", key(1), null).value()).isNull();
    assertThat(ask("bob", DirectoryOp.CREATE, "r3", "ref", null, null).value()).isNull();
    assertThat(store().get(APP + "|bob")).isNull();
  }

  @Test
  void undecodableAndMiskeyedRequestsAreDeadLetters() {
    rawRequests.pipeInput("demo|x".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, T0);
    requests.pipeInput("demo|other", request("carol", DirectoryOp.RESOLVE, "r1", null, null, null), T0);

    assertThat(deadLetterReasons).containsExactly("UNDECODABLE", "KEY_MISMATCH");
    assertThat(deadLetters.readRecordsToList()).hasSize(2);
    assertThat(answers.isEmpty()).isTrue();
  }

  private TestRecord<String, DirectoryEntry> ask(final String lookup, final DirectoryOp op, final String requestId,
                                                 final String ref, final byte[] wrappedKey, final byte[] encryptedId) {
    requests.pipeInput(APP + "|" + lookup, request(lookup, op, requestId, ref, wrappedKey, encryptedId), T0);
    return answers.readRecord();
  }

  private static DirectoryRequest request(final String lookup, final DirectoryOp op, final String requestId,
                                          final String ref, final byte[] wrappedKey, final byte[] encryptedId) {
    return DirectoryRequest.newBuilder().setAppId(APP).setLookup(lookup).setOp(op).setRequestId(requestId)
        .setRequestedAt(T0).setNewPlayerRef(ref)
        .setNewWrappedKey(wrappedKey == null ? null : ByteBuffer.wrap(wrappedKey))
        .setEncryptedExternalId(encryptedId == null ? null : ByteBuffer.wrap(encryptedId)).build();
  }

  private static String requestId(final TestRecord<String, DirectoryEntry> answer) {
    final Header header = answer.headers().lastHeader("coffer-directory-request");
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private KeyValueStore<String, DirectoryRecord> store() {
    return driver.getKeyValueStore(LedgerStores.PLAYER_DIRECTORY);
  }

  private static byte[] key(final int n) {
    return UUID.nameUUIDFromBytes(new byte[] {(byte) n}).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    final byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}

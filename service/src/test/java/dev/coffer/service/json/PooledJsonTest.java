package dev.coffer.service.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PooledJsonTest {
  @Test
  void everyMapperAndBuilderTakesBuffersFromTheOneSharedPool() {
    assertThat(PooledJson.mapper().getFactory()._getRecyclerPool())
        .isSameAs(JsonRecyclerPools.sharedConcurrentDequePool());
    assertThat(PooledJson.builder().build().getFactory()._getRecyclerPool())
        .isSameAs(JsonRecyclerPools.sharedConcurrentDequePool());
  }

  @Test
  void everyMapperAndBuilderBindsThroughBlackbird() {
    final String blackbird = new BlackbirdModule().getTypeId().toString();
    assertThat(PooledJson.mapper().getRegisteredModuleIds()).contains(blackbird);
    assertThat(PooledJson.builder().build().getRegisteredModuleIds()).contains(blackbird);
  }

  /** A record as the services bind them: read through its canonical constructor, written through accessors. */
  record Move(String currency, long amount) {
  }

  @Test
  void recordsRoundTripThroughBlackbird() throws Exception {
    final var mapper = PooledJson.mapper();
    final Move move = new Move("gems", 30);
    assertThat(mapper.readValue(mapper.writeValueAsBytes(move), Move.class)).isEqualTo(move);
  }

  @Test
  void aVirtualThreadReusesTheBuffersAnEarlierVirtualThreadReleased() throws Exception {
    final BufferRecycler[] used = new BufferRecycler[2];
    for (int i = 0; i < used.length; i++) {
      final int n = i;
      Thread.ofVirtual().start(() -> {
        try (JsonGenerator generator = PooledJson.mapper().createGenerator(new ByteArrayOutputStream())) {
          used[n] = bufferRecycler(generator);
          generator.writeObject(Map.of("up", true));
        } catch (final java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).join();
    }
    assertThat(used[0]).isNotNull();
    assertThat(used[1]).isSameAs(used[0]);
  }

  private static BufferRecycler bufferRecycler(final JsonGenerator generator) {
    return ((com.fasterxml.jackson.core.base.GeneratorBase) generator).ioContext().bufferRecycler();
  }
}

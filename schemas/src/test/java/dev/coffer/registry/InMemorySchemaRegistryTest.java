package dev.coffer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.privacy.PlayerDataKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void idsAreGlobalAndStable() {
    final int events = registry.register("a-value", LedgerEvent.getClassSchema());
    final int keys = registry.register("b-value", PlayerDataKey.getClassSchema());

    assertThat(events).isEqualTo(1);
    assertThat(keys).isEqualTo(2);
    assertThat(registry.register("a-value", LedgerEvent.getClassSchema())).isEqualTo(events);
    assertThat(registry.register("c-value", LedgerEvent.getClassSchema())).isEqualTo(events);
    assertThat(registry.schemaById(keys)).isEqualTo(PlayerDataKey.getClassSchema());
    assertThat(registry.lookup("c-value", LedgerEvent.getClassSchema())).isEqualTo(events);
    assertThat(registry.subjects()).containsExactly("a-value", "b-value", "c-value");
    assertThatThrownBy(() -> registry.schemaById(3))
        .isInstanceOf(UnknownSchemaIdException.class).hasMessageContaining("id 3");
    assertThatThrownBy(() -> registry.lookup("b-value", LedgerEvent.getClassSchema()))
        .isInstanceOf(SchemaRejectedException.class);
  }

  @Test
  void enforcesTheSubjectsCompatibility() {
    final Schema v1 = SchemaBuilder.record("Thing").namespace("dev.coffer.test").fields()
        .requiredString("id").endRecord();
    final Schema defaulted = SchemaBuilder.record("Thing").namespace("dev.coffer.test").fields()
        .requiredString("id").name("note").type().stringType().stringDefault("").endRecord();
    final Schema required = SchemaBuilder.record("Thing").namespace("dev.coffer.test").fields()
        .requiredString("id").requiredLong("count").endRecord();
    registry.setCompatibility("things-value", "backward_transitive");
    registry.register("things-value", v1);

    assertThat(registry.register("things-value", defaulted)).isEqualTo(2);
    assertThatThrownBy(() -> registry.register("things-value", required))
        .isInstanceOf(SchemaRejectedException.class)
        .hasMessageContaining("things-value")
        .hasMessageContaining("BACKWARD_TRANSITIVE")
        .hasMessageContaining("count");
    assertThat(registry.versions("things-value")).containsExactly(v1, defaulted);
    // Without a level (NONE, like Apicurio without rules) anything goes.
    assertThat(registry.register("other-value", v1)).isEqualTo(1);
    assertThat(registry.register("other-value", required)).isEqualTo(3);
    assertThatThrownBy(() -> registry.setCompatibility("x", "SOMETIMES"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentRegistrationsAgreeOnOneId() throws InterruptedException, ExecutionException {
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      final List<Callable<Integer>> tasks = IntStream.range(0, 32)
          .mapToObj(i -> (Callable<Integer>) () -> registry.register("s-value", LedgerEvent.getClassSchema()))
          .toList();
      for (final Future<Integer> id : pool.invokeAll(tasks)) {
        assertThat(id.get()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

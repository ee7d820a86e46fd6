package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.FreePorts;
import dev.coffer.embedded.Infrastructure;
import dev.coffer.registry.RestSchemaRegistry;
import dev.coffer.topics.CofferTopics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local stack resumes from its data folder: topics kept, schema ids still resolving. */
@Tag("integration")
@Timeout(300)
class LocalStackTest {
  private static final Iterator<Integer> PORTS = FreePorts.distinct(12).iterator();

  @Test
  void aRestartKeepsSubjectsAndSchemaIdsAndRunsServicesInOrder(@TempDir final Path dir) throws IOException {
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    final List<String> events = new ArrayList<>();
    final Map<String, Integer> firstIds;
    final int extraId;
    final Schema extra = Schema.createRecord("Extra", null, "dev.coffer.test", false,
        List.of(new Schema.Field("x", Schema.create(Schema.Type.LONG))));
    try (LocalStack stack = LocalStack.start(config, List.of(new Recording("a", events),
        new Recording("b", events)), Infrastructure.configured())) {
      firstIds = stack.setup().schemaIds();
      assertThat(firstIds).containsKey("coffer.ledger-events-value");
      assertThat(stack.setup().topics().created()).hasSize(CofferTopics.all().size());
      try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
        extraId = registry.register("local-test-value", extra);
      }
    }
    assertThat(events).containsExactly("start a", "start b", "close b", "close a");

    try (LocalStack stack = LocalStack.start(config, List.of(), Infrastructure.configured())) {
      assertThat(stack.setup().topics().created()).isEmpty();
      assertThat(stack.setup().schemaIds()).isEqualTo(firstIds);
      try (RestSchemaRegistry registry = new RestSchemaRegistry(stack.registryUrl())) {
        assertThat(registry.schemaById(extraId)).isEqualTo(extra);
      }
    }
  }

  /** A service that records when it starts and stops. */
  private record Recording(String name, List<String> events) implements LocalService {
    @Override
    public void start(final LocalContext context) {
      assertThat(context.bootstrapServers()).isNotBlank();
      events.add("start " + name);
    }

    @Override
    public void close() {
      events.add("close " + name);
    }
  }

  /** The next of this class's distinct free ports (asked together: one asked and closed may come again). */
  private static int freePort() {
    return PORTS.next();
  }
}

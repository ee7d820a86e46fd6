package dev.coffer.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class HealthTest {
  @Test
  void aStreamsServiceIsReadyOnlyWhileRunningAndLiveUntilItFails() {
    final AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
    final AtomicReference<Throwable> died = new AtomicReference<>();
    final Health health = new Health().streams(state::get).background("webhooks", () -> Optional.ofNullable(died
        .get()));

    assertThat(health.live().up()).as("not started yet").isTrue();
    assertThat(health.ready().up()).isFalse();
    assertThat(health.ready().body()).containsEntry("status", "DOWN").containsEntry("state", "NOT_STARTED");

    for (final KafkaStreams.State s : KafkaStreams.State.values()) {
      state.set(s);
      final boolean fatal = s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
          || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_SHUTDOWN;
      assertThat(health.live().up()).as("live in " + s).isEqualTo(!fatal);
      assertThat(health.ready().up()).as("ready in " + s).isEqualTo(s == KafkaStreams.State.RUNNING);
    }

    state.set(KafkaStreams.State.RUNNING);
    died.set(new IllegalStateException("dispatcher died"));
    assertThat(health.live().up()).isFalse();
    assertThat(health.ready().body()).containsEntry("status", "DOWN").containsEntry("state", "RUNNING")
        .containsKey("failed");
    assertThat(health.ready().failed()).containsOnlyKeys("webhooks");
  }
}

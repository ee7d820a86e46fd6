package dev.coffer.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.registry.RegistryUnavailableException;
import java.time.Duration;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TransientFailuresTest {
  @Test
  void passingCausesAreFoundAnywhereInTheChain() {
    assertThat(TransientFailures.isTransient(new StreamsException("commit",
        new InvalidTxnStateException("coordinator moved")))).isTrue();
    assertThat(TransientFailures.isTransient(new StreamsException(new TimeoutException("no broker")))).isTrue();
    assertThat(TransientFailures.isTransient(new StreamsException(new RegistryUnavailableException("down",
        null)))).isTrue();
    assertThat(TransientFailures.isTransient(new StreamsException(new SerializationException("bad bytes"))))
        .as("a deterministic failure").isFalse();
    assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void aDeterministicFailureGetsTheGivenAnswerAndThePassingOnesDoublingBackoffs() {
    final TransientFailures failures = new TransientFailures();
    assertThat(failures.respond(new IllegalStateException("a bug"), "app", LoggerFactory.getLogger("test"),
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    final long now = System.nanoTime();
    assertThat(failures.nextBackoff(now)).isEqualTo(Duration.ofSeconds(1));
    assertThat(failures.nextBackoff(now + 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(failures.nextBackoff(now + 2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(failures.nextBackoff(now + Duration.ofMinutes(3).toNanos())).as("a new outage starts over")
        .isEqualTo(Duration.ofSeconds(1));
  }
}

package dev.coffer.service.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness, with one meaning in every service.
 * <ul>
 *   <li><b>live</b>: the process can serve, or will once it has started; a failed live check means
 *       it never will without a restart (a Streams client in ERROR, a follower thread that died).</li>
 *   <li><b>ready</b>: live, and what requests depend on is up now (Streams RUNNING, not
 *       REBALANCING; followers caught up; not stopping). A load balancer routes only to ready
 *       instances.</li>
 * </ul>
 * A check answers {@link Optional#empty()} when fine, else why not.
 */
public final class Health {
  /** One check: empty when fine, else why not. */
  @FunctionalInterface
  public interface Check extends Supplier<Optional<String>> {
  }

  /**
   * A health answer.
   *
   * @param up whether every check asked passed
   * @param failed the failed checks, by name, with why
   * @param details further facts for people (the Streams state)
   */
  public record Report(boolean up, Map<String, String> failed, Map<String, Object> details) {
    /** The body: {@code status} UP or DOWN, the details, and {@code failed} when any check failed. */
    public Map<String, Object> body() {
      final Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", up ? "UP" : "DOWN");
      body.putAll(details);
      if (!failed.isEmpty()) {
        body.put("failed", failed);
      }
      return body;
    }
  }

  private final Map<String, Check> live = new LinkedHashMap<>();
  private final Map<String, Check> ready = new LinkedHashMap<>();
  private final Map<String, Supplier<Object>> details = new LinkedHashMap<>();

  /** Adds a liveness check (also part of readiness). */
  public synchronized Health live(final String name, final Check check) {
    live.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
    return this;
  }

  /** Adds a readiness check. */
  public synchronized Health ready(final String name, final Check check) {
    ready.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
    return this;
  }

  /** Adds a fact every answer shows, e.g. {@code state}. */
  public synchronized Health detail(final String name, final Supplier<Object> value) {
    details.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Adds a component that may stop on its own: live while it has not ({@code failure} empty). */
  public Health background(final String name, final Supplier<Optional<Throwable>> failure) {
    return live(name, () -> failure.get().map(Throwable::toString));
  }

  /**
   * Adds a Kafka Streams client: live unless it failed or stopped (ERROR, PENDING_ERROR, NOT_RUNNING,
   * PENDING_SHUTDOWN), ready only while RUNNING; its state is a detail.
   *
   * @param state the state now, {@code null} before the client exists
   */
  public Health streams(final Supplier<KafkaStreams.State> state) {
    detail("state", () -> state.get() == null ? "NOT_STARTED" : state.get().name());
    live("streams", () -> {
      final KafkaStreams.State now = state.get();
      return now == null || !now.hasCompletedShutdown() && !now.isShuttingDown() && now != KafkaStreams.State.ERROR
          ? Optional.empty() : Optional.of("Kafka Streams is " + now);
    });
    return ready("streams-running", () -> state.get() == KafkaStreams.State.RUNNING ? Optional.empty()
        : Optional.of("Kafka Streams is " + (state.get() == null ? "NOT_STARTED" : state.get())));
  }

  /** The liveness answer. */
  public synchronized Report live() {
    return report(Map.of());
  }

  /** The readiness answer (liveness checks included). */
  public synchronized Report ready() {
    return report(ready);
  }

  private Report report(final Map<String, Check> extra) {
    final Map<String, String> failed = new LinkedHashMap<>();
    live.forEach((name, check) -> check.get().ifPresent(why -> failed.put(name, why)));
    extra.forEach((name, check) -> check.get().ifPresent(why -> failed.put(name, why)));
    final Map<String, Object> facts = new LinkedHashMap<>();
    details.forEach((name, value) -> facts.put(name, value.get()));
    return new Report(failed.isEmpty(), failed, facts);
  }
}

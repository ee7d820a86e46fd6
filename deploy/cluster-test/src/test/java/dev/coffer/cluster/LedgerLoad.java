package dev.coffer.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grants and spends of one currency through the gateway's HTTP API, closed-loop from a few workers, each
 * owning its players. Every request is retried with its own idempotency key until the gateway answers
 * it (503, 429, timeouts and dropped connections are retried: that is what the key makes safe); about one
 * answered request in ten is sent again later and must come back DUPLICATE with the original eventId.
 * What the gateway acknowledged is recorded for the audit.
 */
final class LedgerLoad {
  static final String CURRENCY = "gems";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(120);
  private static final double REPLAY_SHARE = 0.10;

  /**
   * A request the gateway answered.
   *
   * @param delta the balance change if applied: the grant's amount, or minus the spend's
   * @param status APPLIED, REJECTED (also for a DUPLICATE of either: the original's), or PENDING (202)
   * @param version the player's version after it (0 unless applied)
   */
  record Ack(String player, String idempotencyKey, long delta, String eventId, String status, long version) {
  }

  private final URI gateway;
  private final String appId;
  private final String serverKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Map<String, Ack> acks = new ConcurrentHashMap<>();
  private final Map<String, String> pendingReplays = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong replays = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();

  LedgerLoad(final URI gateway, final String appId, final String serverKey) {
    this.gateway = gateway;
    this.appId = appId;
    this.serverKey = serverKey;
  }

  /** Runs {@code workers} workers of {@code playersEach} players each until {@link #stop()}. */
  List<Future<?>> start(final ExecutorService pool, final int workers, final int playersEach, final long seed) {
    final List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      final int worker = w;
      running.add(pool.submit(() -> work(worker, playersEach, new Random(seed + worker))));
    }
    return running;
  }

  void stop() {
    stop.set(true);
  }

  private void work(final int worker, final int playersEach, final Random random) {
    final List<String[]> answered = new ArrayList<>();
    long n = 0;
    while (!stop.get()) {
      final String player = "p" + worker + "-" + (n % playersEach);
      if (!answered.isEmpty() && random.nextDouble() < REPLAY_SHARE) {
        final String[] earlier = answered.get(random.nextInt(answered.size()));
        replay(earlier[0], earlier[1], earlier[2], earlier[3]);
      } else {
        final String key = "k-" + worker + "-" + n;
        final boolean grant = random.nextInt(3) > 0;
        final long amount = 1 + random.nextInt(grant ? 100 : 120);
        final String path = "/v1/apps/" + appId + "/players/" + player + (grant ? "/grants" : "/spend");
        final Map<String, Object> body = grant
            ? Map.of("idempotencyKey", key, "reason", "cluster-test", "grants", Map.of("currencies", Map.of(CURRENCY,
                amount)))
            : Map.of("idempotencyKey", key, "reason", "cluster-test", "currency", CURRENCY, "amount", amount);
        final JsonNode answer = submit(path, body);
        if (answer != null) {
          final Ack ack = ack(player, key, grant ? amount : -amount, answer);
          acks.put(key, ack);
          if (!ack.status().equals("PENDING")) {
            answered.add(new String[] {path, json(body), key, originalOf(outcomeOf(answer))});
          }
        }
      }
      n++;
    }
  }

  private void replay(final String path, final String body, final String key, final String eventId) {
    replays.incrementAndGet();
    final JsonNode answer = submit(path, body);
    if (answer == null) {
      return;
    }
    final JsonNode outcome = outcomeOf(answer);
    final String status = outcome.path("status").asText();
    if (status.equals("PENDING")) {
      // Past the wait bound (a fault in progress): the audit finds its outcome in the log.
      pendingReplays.put(outcome.path("eventId").asText(), eventId);
    } else if (!status.equals("DUPLICATE") || !outcome.path("originalEventId").asText().equals(eventId)) {
      problems.add("replay of " + key + " answered " + status + " " + outcome.path("originalEventId").asText()
          + ", not DUPLICATE of " + eventId);
    }
  }

  /** The gateway's answer (200, 202, 409, 422), retrying until then; null if the deadline passed. */
  private JsonNode submit(final String path, final Object body) {
    final String text = body instanceof String s ? s : json(body);
    final long deadline = System.nanoTime() + REQUEST_DEADLINE.toNanos();
    sent.incrementAndGet();
    while (System.nanoTime() - deadline < 0) {
      try {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.resolve(path))
            .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + serverKey)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)).build(),
            HttpResponse.BodyHandlers.ofString());
        switch (r.statusCode()) {
          case 200, 202, 409, 422 -> {
            return JSON.readTree(r.body());
          }
          case 429, 500, 502, 503, 504 -> retries.incrementAndGet();
          default -> {
            problems.add(path + " answered " + r.statusCode() + ": " + r.body());
            return null;
          }
        }
      } catch (final IOException e) {
        // The gateway's answer may have been lost after the ledger applied it: the same key finds it.
        retries.incrementAndGet();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      pause();
    }
    unanswered.incrementAndGet();
    return null;
  }

  /** APPLIED, DUPLICATE, REJECTED or PENDING; a problem+json rejection carries it as "outcome". */
  /**
   * The outcome JSON of an answer: a 200's body, a 409/422 problem's {@code outcome}, or a 202's pending
   * body ({@code eventId}, {@code status} PENDING).
   */
  private static JsonNode outcomeOf(final JsonNode answer) {
    return answer.path("outcome").isObject() ? answer.path("outcome") : answer;
  }

  /** The event an outcome stands for: its own, or for a DUPLICATE the original. */
  private static String originalOf(final JsonNode outcome) {
    return outcome.path("status").asText().equals("DUPLICATE") ? outcome.path("originalEventId").asText()
        : outcome.path("eventId").asText();
  }

  /** The acknowledgement: the submitted event (the audit follows a DUPLICATE to its original). */
  private static Ack ack(final String player, final String key, final long delta, final JsonNode answer) {
    final JsonNode outcome = outcomeOf(answer);
    String status = outcome.path("status").asText();
    if (status.equals("DUPLICATE")) {
      status = outcome.path("originalStatus").asText();
    }
    return new Ack(player, key, delta, outcome.path("eventId").asText(), status, outcome.path("version").asLong(0));
  }

  private static String json(final Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (final IOException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
  }

  /** The back-off between two tries of one request, not a wait for a result. */
  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(250);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Map<String, Ack> acks() {
    return Map.copyOf(acks);
  }

  /** Replays answered 202: their own eventId, mapped to the eventId of the request they replayed. */
  Map<String, String> pendingReplays() {
    return Map.copyOf(pendingReplays);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  long sent() {
    return sent.get();
  }

  long retries() {
    return retries.get();
  }

  long replays() {
    return replays.get();
  }

  long unanswered() {
    return unanswered.get();
  }
}

package dev.coffer.client;

import java.net.URI;
import java.time.Duration;

/** Outcome JSON and clients as the tests need them. */
final class Fixtures {
  static final String APP = "demo";
  static final String KEY = "server-key";

  private Fixtures() {
  }

  /** A client of {@code server} as both gateway and projections, with quick retries. */
  static CofferClient client(final URI server) {
    return client(server, server);
  }

  static CofferClient client(final URI gateway, final URI projections) {
    return CofferClient.builder().gateway(gateway).projections(projections).appId(APP).apiKey(KEY)
        .retry(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
        .follow(new FollowPolicy(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50)))
        .build();
  }

  /** An outcome's JSON. */
  static String outcome(final String eventId, final String status, final String reason, final String originalStatus,
                        final long version) {
    return "{\"eventId\":\"" + eventId + "\",\"appId\":\"demo\",\"playerRef\":\"ref-1\","
        + "\"dedupeKey\":\"demo|player|ref-1|k1\",\"eventType\":\"CURRENCY_SPENT\",\"status\":\"" + status + "\","
        + "\"reason\":" + quoted(reason) + ",\"message\":" + (reason == null ? "null" : "\"not enough gems\"")
        + ",\"originalEventId\":null,\"originalStatus\":" + quoted(originalStatus) + ",\"version\":" + version
        + ",\"occurredAt\":\"2026-11-01T10:00:00Z\",\"migration\":false,"
        + "\"balances\":[{\"currency\":\"gems\",\"delta\":-30,\"balance\":70}],\"instances\":[]}";
  }

  static String applied(final String eventId, final long version) {
    return outcome(eventId, "APPLIED", null, null, version);
  }

  private static String quoted(final String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /** A ledger entry's JSON (history, and the data of a change event). */
  static String entry(final long version) {
    return "{\"version\":" + version + ",\"eventId\":\"e" + version + "\",\"eventType\":\"GRANT_ISSUED\","
        + "\"occurredAt\":\"2026-11-01T10:00:0" + (version % 10) + "Z\",\"migration\":false,"
        + "\"balances\":[{\"currency\":\"gems\",\"delta\":10,\"balance\":" + (10 * version) + "}],\"instances\":[]}";
  }
}

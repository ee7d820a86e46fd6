package dev.coffer.projections.console;

import dev.coffer.projections.deadletters.DeadLetterLog;
import dev.coffer.projections.http.Access;
import dev.coffer.projections.http.Forwarder;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.projections.webhooks.WebhookDispatcher;
import dev.coffer.service.http.ServiceHttp;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The operator console on the projections' HTTP server: the page at {@code /console} and the app-wide
 * endpoints it reads (revenue, outcome mix, dead letters, re-drive), each for a server key of the app.
 * The page signs in with an app id and a server key, kept in the browser tab's session storage and sent
 * as {@code Authorization: Bearer}; player lookups use the read API as any server would.
 */
public final class ConsoleHttp {
  private static final String APP = "/v1/apps/{appId}";

  /**
   * What the console is built from.
   *
   * @param settings the console's settings
   * @param access authentication
   * @param forwarder forwards an app-view read to the instance that owns the app
   * @param analytics interactive queries of the analytics application (attached once it starts)
   * @param clock what "now" is for default ranges
   * @param retryAfterSeconds the {@code Retry-After} of a 503
   * @param kafka Kafka client settings for reading the dead-letter topics
   * @param webhookDeadLetterTopic the webhooks' dead-letter topic
   * @param dispatcher this instance's webhook dispatcher, or {@code null} while there is none
   */
  public record Parts(ConsoleSettings settings, Access access, Forwarder forwarder, InteractiveQueries analytics,
                      Clock clock, long retryAfterSeconds, Map<String, Object> kafka, String webhookDeadLetterTopic,
                      Supplier<WebhookDispatcher> dispatcher) {
    public Parts {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(dispatcher, "dispatcher");
    }
  }

  private ConsoleHttp() {
  }

  /** Mounts the console's page and endpoints on {@code config}, unless {@code console.enabled} is false. */
  public static void install(final JavalinConfig config, final Parts parts) {
    if (!parts.settings().enabled()) {
      return;
    }
    final ConsolePage page = new ConsolePage();
    final AppAnalytics analytics = new AppAnalytics(parts.access(), parts.analytics(), parts.settings().analytics(),
        parts.forwarder(), parts.settings().outcomeRetention(), parts.clock(), parts.retryAfterSeconds());
    final Duration readTimeout = Duration.ofSeconds(10);
    final DeadLetterReads deadLetters = new DeadLetterReads(parts.access(),
        new DeadLetterLog(parts.kafka(), parts.settings().ledgerDeadLetterTopic(), parts.settings().deadLetterScan(),
            readTimeout),
        new DeadLetterLog(parts.kafka(), parts.webhookDeadLetterTopic(), parts.settings().deadLetterScan(),
            readTimeout),
        parts.dispatcher(), parts.retryAfterSeconds());
    config.routes.get("/console", route("/console", page::serve));
    config.routes.get("/console/{file}", route("/console/{file}", page::serve));
    get(config, APP + "/analytics/revenue", analytics::revenue);
    get(config, APP + "/analytics/outcomes", analytics::outcomes);
    get(config, APP + "/ledger/dead-letters", deadLetters::ledger);
    get(config, APP + "/webhooks/dead-letters", deadLetters::webhooks);
    get(config, APP + "/webhooks/dead-letters/{id}", deadLetters::webhook);
    config.routes.post(APP + "/webhooks/dead-letters/{id}/redrive",
        route(APP + "/webhooks/dead-letters/{id}/redrive", deadLetters::redrive));
  }

  private static void get(final JavalinConfig config, final String path, final Handler handler) {
    config.routes.get(path, route(path, handler));
  }

  private static Handler route(final String template, final Handler handler) {
    return ServiceHttp.route(template, handler);
  }
}

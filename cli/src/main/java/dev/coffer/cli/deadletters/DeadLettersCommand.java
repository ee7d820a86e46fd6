package dev.coffer.cli.deadletters;

import dev.coffer.cli.CofferCommand;
import dev.coffer.cli.CommandGroup;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.HttpCommand;
import dev.coffer.cli.KafkaOptions;
import dev.coffer.cli.Printing;
import dev.coffer.cli.UsageException;
import dev.coffer.client.CofferClient;
import dev.coffer.client.ProblemException;
import dev.coffer.client.model.RedriveResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer dead-letters}: what the ledger could not take, and webhooks that could not be delivered. */
@Command(name = "dead-letters", description = "The ledger's dead letters (coffer.ledger-dead-letters: records it "
    + "could not take, with the reason) and the webhooks' (coffer.projections-webhook-dead-letters: deliveries that "
    + "failed); re-drive the webhook ones.",
    subcommands = {DeadLettersCommand.ListCommand.class, DeadLettersCommand.Redrive.class})
public final class DeadLettersCommand extends CommandGroup {
  /** Which dead letters. */
  enum Kind { ledger, webhooks }

  /** {@code coffer dead-letters list}. */
  @Command(name = "list", description = {"Lists the newest dead letters, newest first, read straight from Kafka: "
      + "id (<partition>-<offset>), when, and why.",
      "ledger: the reason code (coffer.dlq.reason: UNDECODABLE, KEY_MISMATCH, ...), its detail and the record's "
          + "source; webhooks: type, delivery id, URL, attempts, last error, and what became of a re-drive."})
  static final class ListCommand extends CofferCommand {
    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "KIND", description = "ledger or webhooks.")
    Kind kind;

    @Option(names = {"-a", "--app"}, description = "Only this app's (records keyed <app>|...).")
    String app;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--scan", defaultValue = "1000",
        description = "Records read from the end of each partition (default: ${DEFAULT-VALUE}).")
    int scan;

    @Option(names = "--topic", description = "Another topic than Coffer's (a test's, a renamed one).")
    String topic;

    @Option(names = "--json", description = "One JSON object per dead letter.")
    boolean json;

    @Override
    public Integer call() {
      if (limit < 1 || scan < 1) {
        throw new UsageException("--limit and --scan must be positive");
      }
      final String name = topic != null ? topic : kind == Kind.ledger ? "coffer.ledger-dead-letters"
          : "coffer.projections-webhook-dead-letters";
      final List<ConsumerRecord<byte[], byte[]>> records = DeadLetterLog.newest(kafka.clientConfig(), name, scan);
      final Map<String, String> redrives = new HashMap<>();
      for (final ConsumerRecord<byte[], byte[]> r : records.reversed()) {
        final String of = header(r, "coffer-redrive-of");
        if (of != null) {
          redrives.put(of, "redriven".equals(header(r, "coffer-record-kind")) ? "re-driven: DELIVERED"
              : "re-driven: PARKED_AGAIN as " + r.partition() + "-" + r.offset());
        }
      }
      int shown = 0;
      for (final ConsumerRecord<byte[], byte[]> r : records) {
        final String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if ((app != null && (key == null || !key.startsWith(app + "|"))) || "redriven".equals(header(r,
            "coffer-record-kind"))) {
          continue;
        }
        final Map<String, Object> view = view(r, key, redrives.get(r.partition() + "-" + r.offset()));
        out().println(json ? Printing.json(view) : line(view));
        if (++shown >= limit) {
          break;
        }
      }
      err().println(shown + " dead letter(s) of " + name + (app == null ? "" : " for app " + app)
          + " (newest " + scan + " records of each partition read)");
      return ExitCodes.OK;
    }

    private Map<String, Object> view(final ConsumerRecord<byte[], byte[]> r, final String key, final String redrive) {
      final Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", r.partition() + "-" + r.offset());
      view.put("parkedAt", Instant.ofEpochMilli(r.timestamp()).toString());
      view.put("key", key);
      if (kind == Kind.ledger) {
        view.put("reason", header(r, "coffer.dlq.reason"));
        view.put("detail", header(r, "coffer.dlq.detail"));
        view.put("exception", header(r, "coffer.dlq.exception"));
        view.put("source", header(r, "coffer.dlq.source.topic") + "-" + header(r, "coffer.dlq.source.partition") + "@"
            + header(r, "coffer.dlq.source.offset"));
        view.put("valueBytes", r.value() == null ? 0 : r.value().length);
      } else {
        view.put("type", header(r, "Coffer-Event-Type"));
        view.put("deliveryId", header(r, "Coffer-Delivery-Id"));
        view.put("url", header(r, "coffer-webhook-url"));
        view.put("attempts", header(r, "coffer-attempts"));
        view.put("lastError", header(r, "coffer-last-error"));
        view.put("redriveOf", header(r, "coffer-redrive-of"));
        view.put("redrive", redrive);
        view.put("body", r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
      }
      return view;
    }

    private String line(final Map<String, Object> view) {
      final List<String> parts = new ArrayList<>();
      view.forEach((k, v) -> {
        if (v != null && !k.equals("body")) {
          parts.add(k.equals("id") || k.equals("parkedAt") ? String.valueOf(v) : k + "=" + v);
        }
      });
      return String.join("  ", parts);
    }
  }

  /** {@code coffer dead-letters redrive}. */
  @Command(name = "redrive", description = {"Re-drives parked webhooks by id (<partition>-<offset>, as listed): "
      + "projections hands each back to the app's delivery lane, to the app's webhook endpoint as configured now, "
      + "with its original delivery id (receivers drop repeats).",
      "Safe to repeat: a webhook already queued or delivered again is not sent twice. Calls projections' "
          + "POST /v1/apps/{app}/webhooks/dead-letters/{id}/redrive."})
  static final class Redrive extends HttpCommand {
    private static final Pattern ID = Pattern.compile("\\d{1,9}-\\d{1,18}");

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Dead letters to re-drive: <partition>-<offset>.")
    List<String> ids;

    @Override
    public Integer call() {
      ids.stream().filter(id -> !ID.matcher(id).matches()).findFirst().ifPresent(bad -> {
        throw new UsageException("a dead letter id is <partition>-<offset>, e.g. 0-42; got " + bad);
      });
      final CofferClient coffer = client();
      int refused = 0;
      for (final String id : ids) {
        try {
          final RedriveResult result = coffer.webhooks().redrive(id);
          out().println(id + ": " + result.state() + " (delivery " + result.deliveryId() + ")"
              + (result.parkedAs() == null ? "" : "; parked again as " + result.parkedAs() + ": re-drive that one"));
        } catch (final ProblemException e) {
          if (e.status() >= 500 || e.status() == 429 || e.status() == 401 || e.status() == 403) {
            throw e;
          }
          refused++;
          out().println(id + ": refused, " + e.code() + ": " + e.detail());
        }
      }
      return refused == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
    }
  }

  private static String header(final ConsumerRecord<byte[], byte[]> r, final String name) {
    final Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.client.CofferClient;
import dev.coffer.client.ProblemException;
import dev.coffer.client.ReadOptions;
import dev.coffer.client.model.GrantRequest;
import dev.coffer.client.model.Grants;
import dev.coffer.client.model.Outcome;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that call Coffer, run in-process against the real ledger, gateway and projections on the
 * shared embedded broker and registry: ledger tail and follow, export and erasure, catalog import, migration
 * (batches, failures file, re-runs), dead letters, and the ledger's replay into scratch topics, verified
 * against the live outcomes.
 */
@Tag("integration")
@Timeout(300)
@ExtendWith(CofferStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliServicesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Cli cli = new Cli(Map.of(HttpOptions.API_KEY_ENV, Services.SERVER_KEY));
  private Services services;
  private CofferClient coffer;

  @BeforeAll
  void start(final CofferStack stack, @TempDir final Path dir) throws Exception {
    services = Services.start(stack, dir);
    coffer = CofferClient.builder().gateway(services.gateway()).projections(services.projections())
        .appId(Services.APP).apiKey(Services.SERVER_KEY).build();
  }

  @AfterAll
  void stop() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void theTailPrintsTheLastChangesAndFollowPrintsLiveOnes() throws Exception {
    final String player = player();
    Outcome last = null;
    for (int i = 1; i <= 3; i++) {
      last = coffer.writes().grant(player, GrantRequest.of("reward " + i, Grants.currency("gems", 10L * i)));
    }
    final Outcome latest = last;
    final Cli.Run tail = cli.run(http("ledger", "tail", player, "-n", "2", "--min-version",
        Long.toString(latest.version())));
    assertThat(tail.code()).as("%s", tail).isZero();
    assertThat(tail.out().lines().toList()).hasSize(2).satisfiesExactly(
        l -> assertThat(l).startsWith("v2").contains("GRANT_ISSUED").contains("gems +20 = 30"),
        l -> assertThat(l).startsWith("v3").contains(latest.eventId()).contains("gems +30 = 60"));
    final Cli.Run json = cli.run(http("ledger", "tail", player, "-n", "1", "--json"));
    assertThat(JSON.readTree(json.out()).get("version").asLong()).isEqualTo(3);

    final Cli.Started follow = cli.start(http("ledger", "tail", player, "-n", "1", "--follow", "--max-changes", "2",
        "--max-time", "60s"));
    Await.until("the follow subscribed", Duration.ofSeconds(30), () -> follow.err.toString().contains("following"));
    coffer.writes().grant(player, GrantRequest.of("live 1", Grants.currency("gems", 1)));
    coffer.writes().grant(player, GrantRequest.of("live 2", Grants.item("potion", 2)));
    assertThat(follow.code.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(follow.out.toString().lines().toList()).extracting(l -> l.substring(0, 2))
        .containsExactly("v3", "v4", "v5");
    assertThat(follow.out.toString()).contains("potion");
  }

  @Test
  void aPlayerIsExportedThenErasedOnlyWithConfirmation(@TempDir final Path dir) throws Exception {
    final String player = player();
    final Outcome granted = coffer.writes().grant(player, GrantRequest.of("gift", Grants.currency("gems", 5)));
    final Path file = dir.resolve("export.json");
    final Cli.Run export = cli.run(http("players", "export", player, "-o", file.toString(), "--min-version",
        Long.toString(granted.version())));
    assertThat(export.code()).as("%s", export).isZero();
    final JsonNode exported = JSON.readTree(file.toFile());
    assertThat(exported.get("playerId").asText()).isEqualTo(player);
    assertThat(exported.get("balances").get(0).get("balance").asLong()).isEqualTo(5);
    assertThat(exported.get("ledger")).hasSize(1);

    assertThat(cli.run(http("players", "erase", player)).code()).isEqualTo(ExitCodes.USAGE);
    final Cli.Run erased = cli.run(http("players", "erase", player, "--reason", "ticket-7", "--yes"));
    assertThat(erased.code()).as("%s", erased).isZero();
    assertThat(erased.out()).startsWith("erased: " + player).contains("event ");
    final Cli.Run again = cli.run(http("players", "erase", player, "--reason", "ticket-7", "--yes"));
    assertThat(again.code()).as("%s", again).isZero();
    assertThat(again.out()).as("%s", again).startsWith("already erased").contains("nothing changed");
    final Cli.Run otherReason = cli.run(http("players", "erase", player, "--yes"));
    assertThat(otherReason.code()).as("%s", otherReason).isZero();
    assertThat(otherReason.out()).startsWith("already erased");
    final Cli.Run stranger = cli.run(http("players", "erase", player + "-never-seen", "--yes"));
    assertThat(stranger.code()).as("%s", stranger).isZero();
    assertThat(stranger.out()).startsWith("never seen");
    final Cli.Run after = cli.run(http("ledger", "tail", player));
    assertThat(after.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(after.err()).contains("PLAYER_ERASED");
  }

  @Test
  void aCatalogIsImportedFromCsvOrJsonAndARefusalSaysWhy(@TempDir final Path dir) throws Exception {
    final String exported = cli.run(http("catalog", "export", "--format", "csv")).out();
    assertThat(exported).startsWith("kind,id,productType");
    final String shield = "shield_" + UUID.randomUUID().toString().substring(0, 6);
    final Path csv = Files.writeString(dir.resolve("catalog.csv"), exported + (exported.endsWith("\n") ? "" : "\n")
        + "item," + shield + ",,,,,false,false,,Shield\n");
    final Cli.Run imported = cli.run(http("catalog", "import", csv.toString()));
    assertThat(imported.code()).as("%s", imported).isZero();
    assertThat(imported.out()).contains("1 product(s)").contains("3 item(s)");
    assertThat(coffer.catalog().item(shield)).isPresent();

    final Path json = Files.writeString(dir.resolve("more.json"), "{\"items\": [{\"itemId\": \"" + shield
        + "\", \"consumable\": true, \"displayName\": \"Shield v2\"}]}");
    assertThat(cli.run(http("catalog", "import", json.toString())).code()).isZero();
    assertThat(coffer.catalog().item(shield).orElseThrow().displayName()).isEqualTo("Shield v2");

    final Path bad = Files.writeString(dir.resolve("bad.json"), "{\"items\": [{\"itemId\": \"x\"}]}");
    final Cli.Run refused = cli.run(http("catalog", "import", bad.toString()));
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).contains("HTTP 400");
    assertThat(cli.run(http("catalog", "import", dir.resolve("catalog.txt").toString())).code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void walletsMigrateInBatchesFailuresGoToAFileAndReRunsApplyNothingTwice(@TempDir final Path dir) throws Exception {
    final String a = player();
    final String b = player();
    final List<String> rows = new ArrayList<>(List.of("playerId,currency,amount,note"));
    for (int i = 0; i < 22; i++) {
      rows.add((i % 2 == 0 ? a : b) + ",gems," + (i + 1) + ",row " + i);
    }
    rows.add(a + ",gold,7,same");
    rows.add(a + ",gold,7,same again: two grants");
    rows.add(b + ",gold,-3,negative");
    final Path file = Files.writeString(dir.resolve("wallets.csv"), String.join("\n", rows) + "\n");

    final Cli.Run first = cli.run(http("migrate", "wallets", file.toString(), "--batch-size", "10"));
    assertThat(first.code()).as("%s", first).isEqualTo(ExitCodes.FAILED);
    assertThat(first.out()).contains("25 rows").contains("APPLIED=24").contains("INVALID_ROW=1");
    assertThat(first.err().lines().filter(l -> l.startsWith("[")).count()).as("a progress line per batch").isEqualTo(3);
    final Path failures = dir.resolve("wallets.csv.failures.csv");
    final List<String> failed = Files.readAllLines(failures);
    assertThat(failed).hasSize(2);
    assertThat(failed.get(0)).startsWith("row,status,code,detail,idempotencyKey,playerId,currency,amount,note");
    assertThat(failed.get(1)).startsWith("25,INVALID_ROW,").contains("amount must be positive");
    final long gems = 2 + 4 + 6 + 8 + 10 + 12 + 14 + 16 + 18 + 20 + 22;
    assertThat(Await.value("b's migrated wallet", Duration.ofSeconds(30), () -> {
      final var w = coffer.reads().wallet(b);
      return w.balance("gems") == gems ? java.util.Optional.of(w) : java.util.Optional.empty();
    }).balance("gold")).isZero();
    assertThat(coffer.reads().wallet(a, ReadOptions.latest()).balance("gold")).as("two identical rows, two grants")
        .isEqualTo(14);

    final Cli.Run again = cli.run(http("migrate", "wallets", file.toString(), "--no-progress"));
    assertThat(again.out()).contains("DUPLICATE=24").doesNotContain("APPLIED");
    assertThat(again.err()).doesNotContain("[");

    Files.writeString(failures, Files.readString(failures).replace(",-3,", ",3,"));
    final Cli.Run fixed = cli.run(http("migrate", "wallets", failures.toString(), "--failures",
        dir.resolve("second.csv").toString()));
    assertThat(fixed.code()).as("%s", fixed).isZero();
    assertThat(fixed.out()).contains("APPLIED=1");
    assertThat(dir.resolve("second.csv")).doesNotExist();

    final Path items = Files.writeString(dir.resolve("items.csv"), "playerId,itemId,quantity\n" + a + ",potion,3\n"
        + a + ",unknown-item,1\n");
    final Cli.Run inventory = cli.run(http("migrate", "inventory", items.toString()));
    assertThat(inventory.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(inventory.out()).contains("APPLIED=1").contains("INVALID=1");
    assertThat(Files.readString(dir.resolve("items.csv.failures.csv"))).contains("UNKNOWN_ITEM");
  }

  @Test
  void deadLettersAreListedWithTheirReasons() throws Exception {
    final String player = player();
    coffer.writes().grant(player, GrantRequest.of("webhook bait", Grants.currency("gems", 1)));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(services.stack().producerConfig(),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("coffer.ledger-events",
          (Services.APP + "|player|x|garbage").getBytes(StandardCharsets.UTF_8),
          "not avro".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
    final Cli.Run ledger = Await.value("the ledger's dead letter", Duration.ofSeconds(60), () -> {
      final Cli.Run run = cli.run(kafka("dead-letters", "list", "ledger", "--app", Services.APP));
      return run.out().contains("UNDECODABLE") ? java.util.Optional.of(run) : java.util.Optional.empty();
    });
    assertThat(ledger.code()).isZero();
    assertThat(ledger.out()).contains("key=" + Services.APP + "|player|x|garbage").contains("coffer.ledger-events-");

    final Cli.Run webhooks = Await.value("a parked webhook", Duration.ofSeconds(60), () -> {
      final Cli.Run run = cli.run(kafka("dead-letters", "list", "webhooks", "--app", Services.APP, "--json"));
      return run.out().contains("wallet.changed") ? java.util.Optional.of(run) : java.util.Optional.empty();
    });
    final JsonNode parked = JSON.readTree(webhooks.out().lines().filter(l -> l.contains("wallet.changed"))
        .findFirst().orElseThrow());
    assertThat(parked.get("id").asText()).matches("\\d+-\\d+");
    assertThat(parked.get("url").asText()).isEqualTo("http://127.0.0.1:9/nowhere");
    assertThat(parked.get("attempts").asText()).isEqualTo("1");
    assertThat(parked.get("lastError").asText()).isNotBlank();
    assertThat(cli.run(kafka("dead-letters", "list", "webhooks", "--app", "no-such-app")).out()).isEmpty();
  }

  @Test
  void theLedgerIsReplayedIntoScratchTopicsAndMatchesTheLiveOutcomes() throws Exception {
    final String player = player();
    for (int i = 0; i < 5; i++) {
      coffer.writes().grant(player, GrantRequest.of("replay " + i, Grants.currency("gems", 3)));
    }
    try {
      coffer.writes().spend(player, dev.coffer.client.model.SpendRequest.of("gems", 1_000, "too much"));
    } catch (final ProblemException expected) {
      // A rejection to replay too.
    }
    final String appId = "cli-replay-" + UUID.randomUUID().toString().substring(0, 8);
    final Cli.Run replay = cli.run(kafka("ledger", "replay", "--application-id", appId, "--verify",
        "--delete-scratch", "--timeout", "3m"));
    assertThat(replay.code()).as("%s", replay).isZero();
    assertThat(replay.out()).contains("REJECTED=").contains("INSUFFICIENT_FUNDS").contains("verified");
    assertThat(replay.err()).contains("replaying coffer.ledger-sequence").contains("(100%)");
    assertThat(services.stack().admin().listTopics().names().get(30, TimeUnit.SECONDS))
        .noneMatch(t -> t.startsWith(appId));
    final Cli.Run reused = cli.run(kafka("ledger", "replay", "--application-id", services.ledgerApplicationId()));
    assertThat(reused.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(reused.err()).contains("was used before");
  }

  private String[] http(final String... args) {
    return concat(args, services.http());
  }

  private String[] kafka(final String... args) {
    return concat(args, services.kafka());
  }

  private static String[] concat(final String[] a, final String[] b) {
    final List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private static String player() {
    return "cli-" + UUID.randomUUID();
  }
}

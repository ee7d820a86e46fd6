package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.apps.PlayerTokens;
import dev.coffer.client.CofferClient;
import dev.coffer.client.EventSubscription;
import dev.coffer.client.ProblemException;
import dev.coffer.client.ReadOptions;
import dev.coffer.client.RejectedException;
import dev.coffer.client.StreamListener;
import dev.coffer.client.StreamOptions;
import dev.coffer.client.model.ConsumeRequest;
import dev.coffer.client.model.Erasure;
import dev.coffer.client.model.GrantRequest;
import dev.coffer.client.model.Grants;
import dev.coffer.client.model.Instance;
import dev.coffer.client.model.Item;
import dev.coffer.client.model.LedgerEntry;
import dev.coffer.client.model.MigrationResult;
import dev.coffer.client.model.MigrationRow;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.OutcomeStatus;
import dev.coffer.client.model.PlayerExport;
import dev.coffer.client.model.PurchaseRequest;
import dev.coffer.client.model.RejectionReason;
import dev.coffer.client.model.SpendRequest;
import dev.coffer.embedded.Await;
import dev.coffer.embedded.FreePorts;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java server SDK against the real ledger, gateway and projections of the local stack: every write and
 * read, typed rejections, read-your-writes, the ledger's paging, a live subscription, migration, the catalog,
 * erasure and client keys. A second gateway, with a wait bound of 1 ms and a per-player rate of one request a
 * second, answers 202 and 429: the SDK follows the one and waits out the other's Retry-After.
 */
@Tag("integration")
@Timeout(400)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSdkTest {
  private static final Iterator<Integer> PORTS = FreePorts.distinct(12).iterator();
  private LocalStack stack;
  private CofferClient coffer;
  private CofferClient hurried;
  private int hurriedPort;
  private URI gateway;
  private URI projections;

  @BeforeAll
  void start(@TempDir final Path dir) throws Exception {
    final int gatewayPort = freePort();
    final int projectionsPort = freePort();
    hurriedPort = freePort();
    stack = LocalStack.start(new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data")), List.of(
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(freePort()))),
        // Projections first: the gateways ask them for the 202s' Locations (and the purchase index).
        new ProjectionsLocalService(Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort))),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort))),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(hurriedPort),
            GatewayConfig.OUTCOME_WAIT, "1ms", GatewayConfig.RATE_PLAYER_PER_SECOND, "1",
            GatewayConfig.RATE_PLAYER_BURST, "1"))));
    gateway = URI.create("http://127.0.0.1:" + gatewayPort);
    projections = URI.create("http://127.0.0.1:" + projectionsPort);
    coffer = client(gateway, DemoSettings.LOCAL_SERVER_KEY);
    hurried = client(URI.create("http://127.0.0.1:" + hurriedPort), DemoSettings.LOCAL_SERVER_KEY);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void writesAnswerOutcomesRetriesAreDuplicatesAndRefusalsAreTyped() {
    final String player = player();
    final GrantRequest grant = GrantRequest.of("welcome", Grants.currency("gems", 100)).withSourceRefId("quest-1");
    final Outcome granted = coffer.writes().grant(player, grant);
    assertThat(granted.status()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(granted.balance("gems")).contains(100L);
    // The caller's key is kept only as its pseudonym (and sealed in the event's details).
    assertThat(granted.dedupeKey()).contains("|kref.").doesNotContain(grant.idempotencyKey());

    final Outcome again = coffer.writes().grant(player, grant);
    assertThat(again.status()).isEqualTo(OutcomeStatus.DUPLICATE);
    assertThat(again.originalEventId()).isEqualTo(granted.eventId());
    assertThat(again.version()).isEqualTo(granted.version());

    final SpendRequest tooMuch = SpendRequest.of("gems", 1_000, "castle");
    assertThatThrownBy(() -> coffer.writes().spend(player, tooMuch)).isInstanceOfSatisfying(RejectedException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.outcome().status()).isEqualTo(OutcomeStatus.REJECTED);
          assertThat(e.idempotencyKey()).isEqualTo(tooMuch.idempotencyKey());
        });
    assertThatThrownBy(() -> coffer.writes().spend(player, tooMuch)).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.outcome().duplicate()).as("the rejection used up its key").isTrue());
    assertThatThrownBy(() -> coffer.writes().spend(player, SpendRequest.of("gems", 5, "other")
        .withIdempotencyKey(grant.idempotencyKey()))).isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(RejectionReason.IDEMPOTENCY_KEY_REUSED);
          assertThat(e.status()).isEqualTo(409);
        });
    assertThatThrownBy(() -> coffer.writes().purchase(PurchaseRequest.testStore(player, "forged").build()))
        .isExactlyInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
  }

  @Test
  void readsReadTheirWritesAndPageTheLedger() {
    final String player = player();
    final Outcome bought = coffer.writes().purchase(purchase(player, "potions_3"));
    final var inventory = coffer.reads().inventory(player, ReadOptions.atLeast(bought));
    assertThat(inventory.quantity("potion")).isEqualTo(3);
    final Instance potion = inventory.active("potion").get(0);

    final Outcome drunk = coffer.writes().consume(player, potion.instanceId(), ConsumeRequest.of("potion", 1));
    assertThat(coffer.reads().wallet(player, ReadOptions.atLeast(drunk)).balance("hp")).isEqualTo(50);
    final Outcome granted = coffer.writes().grant(player, GrantRequest.of("daily", Grants.currency("gems", 7)));

    final List<LedgerEntry> tail = coffer.reads().ledgerTail(player, 2, ReadOptions.atLeast(granted));
    assertThat(tail).extracting(LedgerEntry::eventId).containsExactly(drunk.eventId(), granted.eventId());
    assertThat(coffer.reads().ledgerHistory(player, ReadOptions.latest()).map(LedgerEntry::version).toList())
        .containsExactly(3L, 2L, 1L);
    final var purchases = coffer.reads().purchases(player, ReadOptions.atLeast(granted));
    assertThat(purchases.purchases()).singleElement().satisfies(p -> {
      assertThat(p.productId()).isEqualTo("potions_3");
      assertThat(p.price()).isEqualByComparingTo(new BigDecimal("0.99"));
    });
    final PlayerExport export = coffer.reads().export(player, ReadOptions.atLeast(granted));
    assertThat(export.ledger()).extracting(LedgerEntry::version).containsExactly(1L, 2L, 3L);
    assertThat(Await.value("the purchase's outcome by id", Duration.ofSeconds(30),
        () -> coffer.reads().event(bought.eventId()))).isEqualTo(bought);
  }

  @Test
  void aSubscriptionSeesEveryLiveChangeOnceInOrder() throws Exception {
    final String player = player();
    coffer.writes().grant(player, GrantRequest.of("before", Grants.currency("gems", 1)));
    final List<LedgerEntry> seen = Collections.synchronizedList(new ArrayList<>());
    try (EventSubscription subscription = coffer.reads().subscribe(player, StreamOptions.after(0),
        new StreamListener() {
          @Override
          public void onChange(final LedgerEntry change) {
            seen.add(change);
          }
        })) {
      assertThat(subscription.awaitSubscribed(Duration.ofSeconds(30))).isTrue();
      for (int i = 0; i < 3; i++) {
        coffer.writes().grant(player, GrantRequest.of("live", Grants.currency("gems", 1)));
      }
      Await.until("four changes", Duration.ofSeconds(30), () -> seen.size() >= 4);
      assertThat(seen).extracting(LedgerEntry::version).containsExactly(1L, 2L, 3L, 4L);
      assertThat(subscription.lastVersion()).isEqualTo(4);
    }
  }

  @Test
  void a202IsFollowedToItsOutcomeAndA429IsRetriedAfterItsRetryAfter() throws Exception {
    final String player = player();
    final Outcome first = hurried.writes().grant(player, GrantRequest.of("a", Grants.currency("gems", 10)));
    final Outcome second = hurried.writes().grant(player, GrantRequest.of("b", Grants.currency("gems", 5)));
    assertThat(first.status()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(second.balance("gems")).contains(15L);
    assertThatThrownBy(() -> hurried.writes().spend(player, SpendRequest.of("gems", 99, "x")))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS));

    final String metrics = get("http://127.0.0.1:" + hurriedPort + "/metrics");
    assertThat(metrics).as("the gateway answered 202 and 429").containsPattern("status=\"202\"")
        .containsPattern("status=\"429\"");
  }

  @Test
  void migrationCatalogAndErasure() {
    final String player = player();
    final List<MigrationRow.WalletRow> rows = List.of(new MigrationRow.WalletRow(player, "gems", 40, null),
        new MigrationRow.WalletRow(player, "gold", 3, player + "-gold"));
    final MigrationResult migrated = coffer.writes().migrate(player + "-batch", rows);
    assertThat(migrated.results()).extracting(MigrationResult.Row::status)
        .containsExactly(MigrationResult.Status.APPLIED, MigrationResult.Status.APPLIED);
    assertThat(coffer.writes().migrate(player + "-batch", rows).results()).extracting(MigrationResult.Row::status)
        .containsOnly(MigrationResult.Status.DUPLICATE);

    final Item shield = new Item("shield-" + UUID.randomUUID().toString().substring(0, 8), false, false,
        Grants.none(), "Shield");
    assertThat(coffer.catalog().putItem(shield).itemId()).isEqualTo(shield.itemId());
    assertThat(coffer.catalog().item(shield.itemId())).contains(shield);
    final String csv = coffer.catalog().exportCsv();
    assertThat(csv).contains(shield.itemId());
    assertThat(coffer.catalog().importCsv(csv, false).items()).isGreaterThanOrEqualTo(3);
    assertThat(coffer.catalog().deleteItem(shield.itemId())).isTrue();
    assertThat(coffer.catalog().deleteItem(shield.itemId())).isFalse();

    final Erasure erased = coffer.writes().erase(player, "ticket-42");
    assertThat(erased.result()).isEqualTo(Erasure.Result.ERASED);
    assertThat(coffer.writes().erase(player, "ticket-42").result()).isEqualTo(Erasure.Result.NO_OP_ALREADY_ERASED);
    assertThat(coffer.writes().erase(player + "-never-seen", null).result())
        .isEqualTo(Erasure.Result.NO_OP_NEVER_EXISTED);
    assertThatThrownBy(() -> coffer.reads().export(player)).isInstanceOfSatisfying(ProblemException.class,
        e -> assertThat(e.code()).isEqualTo("PLAYER_ERASED"));
    assertThatThrownBy(() -> coffer.reads().wallet(player)).isInstanceOfSatisfying(ProblemException.class,
        e -> assertThat(e.code()).isEqualTo("PLAYER_ERASED"));
  }

  @Test
  void aClientKeyActsForItsTokensPlayerOnly() {
    final String player = player();
    final String token = PlayerTokens.issue(
        "local-demo-player-token-secret-0123456789".getBytes(StandardCharsets.UTF_8),
        DemoSettings.LOCAL_APP, player, Instant.now().plusSeconds(600));
    final CofferClient asPlayer = client(gateway, "local-demo-client-key").withPlayerToken(token);
    final Outcome bought = asPlayer.writes().purchase(purchase(player, "gems_100"));
    assertThat(asPlayer.reads().wallet(player, ReadOptions.atLeast(bought)).balance("gems")).isEqualTo(100);
    assertThatThrownBy(() -> asPlayer.reads().wallet("someone-else")).isInstanceOfSatisfying(ProblemException.class,
        e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> asPlayer.writes().grant(player, GrantRequest.of("x", Grants.currency("gems", 1))))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("KEY_NOT_ALLOWED"));
  }

  private CofferClient client(final URI gatewayUrl, final String apiKey) {
    return CofferClient.builder().gateway(gatewayUrl).projections(projections).appId(DemoSettings.LOCAL_APP)
        .apiKey(apiKey).build();
  }

  private static String player() {
    return "sdk-" + UUID.randomUUID();
  }

  private static PurchaseRequest purchase(final String player, final String productId) {
    final String receipt = TestReceipts.sign(new TestReceipt(DemoSettings.LOCAL_APP, "sdk-" + UUID.randomUUID(),
        productId, Instant.now(), 1, new BigDecimal("0.99"), "USD"), DemoSettings.LOCAL_TEST_STORE_SECRET);
    return PurchaseRequest.testStore(player, receipt).productId(productId).price(new BigDecimal("0.99"), "USD")
        .country("DE").build();
  }

  private static String get(final String url) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  /** The next of this class's distinct free ports (asked together: one asked and closed may come again). */
  private static int freePort() {
    return PORTS.next();
  }
}

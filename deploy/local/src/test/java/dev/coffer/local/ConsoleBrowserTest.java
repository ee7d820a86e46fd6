package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.embedded.FreePorts;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.receipts.teststore.TestReceipt;
import dev.coffer.gateway.receipts.teststore.TestReceipts;
import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.local.demo.DemoSettings;
import dev.coffer.projections.runtime.ProjectionsConfig;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser (Debian's Chromium through ChromeDriver, headless) against the
 * real local stack: a player is created through the gateway, the console is opened, signed in with the
 * app's server key, the player looked up, and the balance and the history entry of the purchase seen; a
 * second write made while the page is open arrives over the live stream. Screenshots go to
 * {@code target/console-screenshots/}.
 *
 * <p>Skips, saying why, only where no browser is installed; with {@code COFFER_REQUIRE_BROWSER=1} (CI sets
 * it) a missing browser fails the test instead. {@code COFFER_CHROMIUM} and {@code COFFER_CHROMEDRIVER}
 * name other binaries than Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}.
 */
@Tag("integration")
@Timeout(300)
class ConsoleBrowserTest {
  private final Iterator<Integer> ports = FreePorts.distinct(6).iterator();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String KEY = DemoSettings.LOCAL_SERVER_KEY;
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  @Test
  void looksUpAPlayerAndSeesALiveChangeArrive(@TempDir final Path dir) throws Exception {
    final Path chromium = Path.of(env("COFFER_CHROMIUM", "/usr/bin/chromium"));
    final Path chromedriver = Path.of(env("COFFER_CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      final String why = "no browser: " + chromium + " and " + chromedriver + " must both be installed "
          + "(Debian: apt-get install chromium chromium-driver)";
      if ("1".equals(System.getenv("COFFER_REQUIRE_BROWSER"))) {
        throw new AssertionError("COFFER_REQUIRE_BROWSER=1, so the browser test may not skip: " + why);
      }
      System.out.println("ConsoleBrowserTest skipped: " + why);
      Assumptions.abort(why);
    }
    Files.createDirectories(SCREENSHOTS);
    Files.deleteIfExists(SCREENSHOTS.resolve("failure.png"));

    final int gatewayPort = freePort();
    final int projectionsPort = freePort();
    final String gateway = "http://127.0.0.1:" + gatewayPort + "/v1/apps/demo";
    final LocalConfig config = new LocalConfig(freePort(), freePort(), freePort(), dir.resolve("data"));
    try (LocalStack stack = LocalStack.start(config, List.of(
        new LedgerLocalService(Map.of(LedgerConfig.HTTP_PORT, Integer.toString(freePort()))),
        new ProjectionsLocalService(Map.of(ProjectionsConfig.HTTP_PORT, Integer.toString(projectionsPort))),
        new GatewayLocalService(Map.of(GatewayConfig.HTTP_PORT, Integer.toString(gatewayPort)))))) {
      final JsonNode bought = post(gateway + "/purchases", purchase("console-alice", "console-browser-1"));
      assertThat(bought.get("status").asText()).isEqualTo("APPLIED");
      final String purchaseEvent = bought.get("eventId").asText();

      final WebDriver browser = browser(chromium, chromedriver, dir.resolve("chromium-profile"));
      try {
        final WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://127.0.0.1:" + projectionsPort + "/console");
        browser.findElement(By.id("app-id")).sendKeys("demo");
        browser.findElement(By.id("server-key")).sendKeys(KEY);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("player-id"))).sendKeys("console-alice");
        browser.findElement(By.id("lookup")).click();

        final By gems = By.cssSelector("#wallet tr[data-currency='gems'] .balance");
        wait.until(ExpectedConditions.textToBe(gems, "100"));
        final WebElement entry = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#history li[data-event-id='" + purchaseEvent + "']")));
        assertThat(entry.getText()).contains("PURCHASE_VERIFIED").contains("+100 gems");
        // Its cause: the store transaction, from the purchase log.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#history li[data-event-id='"
            + purchaseEvent + "'] [data-field='purchase']"), "purchase: TEST console-browser-1"));
        assertThat(browser.findElement(By.cssSelector("#purchases tr[data-transaction='console-browser-1']")).getText())
            .contains("PURCHASED").contains("0.99 USD");
        // The stream is open once the server's "subscribed" comment arrived: a write from now on is pushed.
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "connected"));
        screenshot(browser, "1-player-lookup");

        final JsonNode spent = post(gateway + "/players/console-alice/spend",
            "{\"idempotencyKey\":\"console-sword\",\"currency\":\"gems\",\"amount\":30,\"reason\":\"sword\"}");
        final String spendEvent = spent.get("eventId").asText();
        final WebElement live = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#history li.live[data-event-id='" + spendEvent + "']")));
        assertThat(live.getText()).contains("CURRENCY_SPENT").contains("-30 gems").contains("live");
        wait.until(ExpectedConditions.textToBe(gems, "70"));
        screenshot(browser, "2-live-change");

        browser.findElement(By.cssSelector(".tab[data-tab='app']")).click();
        // The revenue aggregate trails the purchase by its exactly-once commits: refresh until it shows.
        wait.until(driver -> {
          final List<WebElement> usd = driver.findElements(By.cssSelector("#revenue-totals tr[data-currency='USD']"));
          if (!usd.isEmpty() && usd.get(0).getText().contains("0.99")) {
            return true;
          }
          driver.findElement(By.id("app-refresh")).click();
          return false;
        });
        screenshot(browser, "3-app-view");
        assertThat(severeLogs(browser)).as("the page's console errors").isEmpty();
      } catch (final RuntimeException | AssertionError e) {
        screenshot(browser, "failure");
        throw e;
      } finally {
        browser.quit();
      }
    }
  }

  private static WebDriver browser(final Path chromium, final Path chromedriver, final Path profile) {
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // The machine's closed network refuses Chromium's background connections: keep it from making them.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--window-size=1400,2000", "--user-data-dir=" + profile);
    final LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    final ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static List<String> severeLogs(final WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
  }

  private static void screenshot(final WebDriver browser, final String name) throws IOException {
    final File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    final Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("Console screenshot: " + target.toAbsolutePath());
  }

  private static String purchase(final String player, final String transactionId) {
    final String receipt = TestReceipts.sign(TestReceipt.of("demo", transactionId, "gems_100",
        Instant.parse("2026-11-01T10:00:00Z")), DemoSettings.LOCAL_TEST_STORE_SECRET);
    return "{\"playerId\":\"" + player + "\",\"store\":\"test\",\"productId\":\"gems_100\",\"price\":\"0.99\","
        + "\"currency\":\"USD\",\"receipt\":{\"signedReceipt\":\"" + receipt + "\"}}";
  }

  private static JsonNode post(final String url, final String body) throws IOException, InterruptedException {
    final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String env(final String name, final String fallback) {
    final String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The next of this test's distinct free ports (asked together: one asked and closed may come again). */
  private int freePort() {
    return ports.next();
  }
}

package dev.coffer.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.apps.ApiKeys;
import dev.coffer.local.demo.DemoSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curl calls the local stack prints: for the configured app, on the real ports. */
class TryItTest {
  @Test
  void theBundledDemoAppGetsWorkingCallsWithItsKeyOnTheRealPorts(@TempDir final Path dir) throws IOException {
    final LocalContext context = new LocalContext("unused:9092", "http://unused", dir, null);

    final String lines = TryIt.lines(context.appsFile(), "http://127.0.0.1:18080", "http://127.0.0.1:18092");

    assertThat(lines).contains("app demo", "curl -s -X POST http://127.0.0.1:18080/v1/apps/demo/purchases",
        "Bearer " + DemoSettings.LOCAL_SERVER_KEY, "\"signedReceipt\":\"",
        "spend 30 gems:  curl -s -X POST http://127.0.0.1:18080/v1/apps/demo/players/alice/spend",
        "curl -s http://127.0.0.1:18092/v1/apps/demo/players/alice/wallet", "http://127.0.0.1:18080/docs");
    assertThat(lines).doesNotContain(":8092/", ":8080/", TryIt.KEY_VARIABLE);
  }

  @Test
  void anotherAppGetsItsOwnIdAndAKeyToExport(@TempDir final Path dir) throws IOException {
    final Path apps = Files.writeString(dir.resolve("apps.yaml"), """
        apps:
          - appId: castle-game
            keys:
              - {label: studio-server, role: server, sha256: %s}
            pseudonymKey: castle-pseudonym-key-0123456789abcdef0123
            playerTokenSecret: castle-player-token-secret-0123456789ab
        """.formatted(ApiKeys.sha256Hex("a-key-the-stack-cannot-know")));

    final String lines = TryIt.lines(apps, "http://127.0.0.1:28080", "http://127.0.0.1:28092");

    assertThat(lines).contains("app castle-game", "export COFFER_SERVER_KEY=<a server key of app castle-game"
        + " (studio-server)>", "Bearer " + TryIt.KEY_VARIABLE,
        "http://127.0.0.1:28080/v1/apps/castle-game/players/alice/grants",
        "curl -s http://127.0.0.1:28092/v1/apps/castle-game/players/alice/wallet");
    assertThat(lines).doesNotContain("/v1/apps/demo", DemoSettings.LOCAL_SERVER_KEY, "/purchases");
  }
}

package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.PlayerTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands that need no service: help, keys, tokens, apps files, and the usage errors of the others. */
class CommandLineTest {
  private static final String SECRET = "a-player-token-secret-of-32-bytes-or-more";
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
  private final Cli cli = new Cli(Map.of("TOKEN_SECRET", SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void everyCommandHasHelp() {
    final List<List<String>> paths = new ArrayList<>();
    walk(CofferCli.commandLine(new Context(Map.of(), new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), System.in, Clock.systemUTC(), false)), new ArrayList<>(),
        paths);
    assertThat(paths).hasSizeGreaterThanOrEqualTo(20);
    for (final List<String> path : paths) {
      final List<String> args = new ArrayList<>(path);
      args.add("--help");
      final Cli.Run run = cli.run(args.toArray(String[]::new));
      assertThat(run.code()).as("%s --help", path).isZero();
      assertThat(run.out()).as("%s --help", path).startsWith("Usage: coffer").contains("-h, --help");
    }
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    assertThat(cli.run().code()).isEqualTo(ExitCodes.USAGE);
    final Cli.Run unknown = cli.run("ledger", "rewind");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("rewind");
  }

  @Test
  void aGroupRunAloneNamesItsSubcommands() {
    assertThat(cli.run().err().lines()).contains("name a command");
    final Cli.Run keys = cli.run("keys");
    assertThat(keys.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(keys.err().lines()).contains("name a subcommand: hash or generate");
    assertThat(cli.run("apps").err().lines()).contains("name a subcommand: validate");
    assertThat(cli.run("ledger").err().lines()).contains("name a subcommand: tail or replay");
  }

  @Test
  void keysAreHashedFromArgumentsOrStandardInputAndGeneratedWithTheirEntry() {
    final Cli.Run args = cli.run("keys", "hash", "local-demo-server-key", "k2");
    assertThat(args.code()).isZero();
    assertThat(args.out().lines().toList()).containsExactly(
        "0fcc3495feea77d2236ee4ecadde1f3ab161d1a8ea9dd68bb20e7252df97a5ae", ApiKeys.sha256Hex("k2"));
    assertThat(cli.runWithInput("local-demo-client-key\n\n", "keys", "hash").out().strip())
        .isEqualTo("de2dbd247f4c08aeaf242da9dd2565b446c50dfeeeecd2b2f10ac8a7b101a0ac");
    assertThat(cli.runWithInput("", "keys", "hash").code()).isEqualTo(ExitCodes.USAGE);

    final Cli.Run generated = cli.run("keys", "generate", "--role", "client", "--label", "ios");
    final String key = generated.out().lines().findFirst().orElseThrow().substring("key:".length()).strip();
    assertThat(key).hasSize(43);
    assertThat(generated.out()).contains("entry:   - {label: ios, role: client, sha256: " + ApiKeys.sha256Hex(key)
        + "}");
  }

  @Test
  void tokensAreSignedAndVerifiedAsTheServicesDo(@TempDir final Path dir) throws Exception {
    final Cli.Run signed = cli.run("tokens", "sign", "--app", "demo", "--player", "alice", "--ttl", "30m",
        "--secret-env", "TOKEN_SECRET");
    assertThat(signed.code()).as("%s", signed).isZero();
    final String token = signed.out().strip();
    assertThat(signed.err()).contains("valid until 2026-11-01T10:30:00Z");
    assertThat(PlayerTokens.verify(SECRET.getBytes(StandardCharsets.UTF_8), "demo", token, NOW)).isEqualTo("alice");

    final Cli.Run valid = cli.run("tokens", "verify", token, "--app", "demo", "--secret-env", "TOKEN_SECRET");
    assertThat(valid.code()).isZero();
    assertThat(valid.out()).contains("player alice").contains("in 30 min");
    assertThat(cli.run("tokens", "verify", token, "--app", "other", "--secret-env", "TOKEN_SECRET").out())
        .startsWith("invalid: WRONG_APP");
    final Cli.Run later = new Cli(Map.of("TOKEN_SECRET", SECRET), Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC))
        .run("tokens", "verify", token, "--app", "demo", "--secret-env", "TOKEN_SECRET");
    assertThat(later.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(later.out()).startsWith("invalid: EXPIRED");
    assertThat(cli.run("tokens", "verify", token.substring(0, token.length() - 2) + "AA", "--app", "demo",
        "--secret-env", "TOKEN_SECRET").out()).startsWith("invalid: BAD_SIGNATURE");

    final Path apps = Files.writeString(dir.resolve("apps.yaml"), validApps());
    final Cli.Run fromFile = cli.run("tokens", "sign", "-a", "demo", "-p", "bob", "--apps-file", apps.toString());
    assertThat(cli.run("tokens", "verify", fromFile.out().strip(), "-a", "demo", "--apps-file", apps.toString())
        .out()).contains("player bob");
    assertThat(new Cli(Map.of()).run("tokens", "sign", "-a", "demo", "-p", "bob").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anAppsFileIsValidatedWithEveryProblemNamed(@TempDir final Path dir) throws IOException {
    final Path good = Files.writeString(dir.resolve("good.yaml"), validApps());
    final Cli.Run ok = cli.run("apps", "validate", good.toString());
    assertThat(ok.code()).as("%s", ok).isZero();
    assertThat(ok.out()).contains("valid, 1 app").contains("demo: 1 key(s)");

    final Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        apps:
          - appId: Bad App
            keys: [{label: a, role: server, sha256: nothex}]
            pseudonymKey: short
            playerTokenSecret: %s
          - appId: demo
            keys: []
            pseudonymKey: local-demo-pseudonym-key-0123456789abcdef
            playerTokenSecret: env:MISSING_SECRET
        """.formatted(SECRET));
    final Cli.Run problems = cli.run("apps", "validate", bad.toString());
    assertThat(problems.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(problems.out()).contains("apps[0].appId").contains("apps[0].keys[0].sha256");
    assertThat(problems.out().lines().filter(l -> l.startsWith("  apps[")).count()).isGreaterThanOrEqualTo(3);
    assertThat(cli.run("apps", "validate", dir.resolve("missing.yaml").toString()).code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void httpCommandsWithoutAKeyOrConfirmationAreUsageErrors() {
    final Cli.Run noKey = new Cli(Map.of()).run("players", "export", "alice");
    assertThat(noKey.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noKey.err()).contains("COFFER_API_KEY");
    final Cli.Run unconfirmed = new Cli(Map.of("COFFER_API_KEY", "k")).run("players", "erase", "alice");
    assertThat(unconfirmed.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unconfirmed.err()).contains("--yes");
    final Cli.Run badId = new Cli(Map.of("COFFER_API_KEY", "k")).run("dead-letters", "redrive", "abc");
    assertThat(badId.code()).isEqualTo(ExitCodes.USAGE);
  }

  static String validApps() {
    return """
        apps:
          - appId: demo
            keys: [{label: s, role: server, sha256: 0fcc3495feea77d2236ee4ecadde1f3ab161d1a8ea9dd68bb20e7252df97a5ae}]
            pseudonymKey: local-demo-pseudonym-key-0123456789abcdef
            playerTokenSecret: %s
        """.formatted(SECRET);
  }

  private static void walk(final CommandLine line, final List<String> path, final List<List<String>> out) {
    out.add(List.copyOf(path));
    line.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        final List<String> next = new ArrayList<>(path);
        next.add(name);
        walk(sub, next, out);
      }
    });
  }
}

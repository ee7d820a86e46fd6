package dev.coffer.cli.tokens;

import dev.coffer.apps.App;
import dev.coffer.apps.PlayerTokens;
import dev.coffer.cli.AppsFiles;
import dev.coffer.cli.Context;
import dev.coffer.cli.Durations;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer tokens}: player tokens, what a client key needs to act for one player. */
@Command(name = "tokens", description = "Player tokens (pt1.<app>.<player>.<expiry>.<mac>): sign one as the game "
    + "server does, or verify one as the services do.",
    subcommands = {TokensCommand.Sign.class, TokensCommand.Verify.class})
public final class TokensCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: sign or verify");
  }

  /** Where the app's player-token secret comes from. */
  static final class Secret {
    @Option(names = "--apps-file", paramLabel = "FILE", description = "The apps file: the app's playerTokenSecret.")
    Path appsFile;

    @Option(names = "--secret-env", paramLabel = "NAME",
        description = "An environment variable holding the app's playerTokenSecret.")
    String secretEnv;
  }

  /** The secret of {@code appId}: from the apps file, the named variable, or COFFER_PLAYER_TOKEN_SECRET. */
  static byte[] secret(final Secret source, final String appId, final Context context) {
    if (source != null && source.appsFile != null) {
      return null;
    }
    final String name = source != null && source.secretEnv != null ? source.secretEnv : "COFFER_PLAYER_TOKEN_SECRET";
    final String secret = context.env(name);
    if (secret == null) {
      throw new UsageException("no player-token secret: pass --apps-file FILE, or set " + name
          + (source != null && source.secretEnv != null ? "" : " (or name another variable with --secret-env)"));
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code coffer tokens sign}. */
  @Command(name = "sign", description = "Signs a player token, printed alone on standard output.")
  static final class Sign implements Callable<Integer> {
    private final Context context;

    @Option(names = {"-a", "--app"}, required = true, description = "The app.")
    String app;

    @Option(names = {"-p", "--player"}, required = true, description = "The player (the game's own id).")
    String player;

    @Option(names = "--ttl", defaultValue = "1h", converter = Durations.class,
        description = "How long it is valid: 90s, 30m, 12h, 7d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @ArgGroup(exclusive = true)
    Secret secret;

    Sign(final Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new UsageException("--ttl must be positive");
      }
      final Instant expires = context.clock().instant().plus(ttl);
      final byte[] key = secret(secret, app, context);
      final String token = key == null ? AppsFiles.app(secret.appsFile, app, context).issuePlayerToken(player, expires)
          : PlayerTokens.issue(key, app, player, expires);
      context.out().println(token);
      context.err().println("valid until " + Instant.ofEpochSecond(expires.getEpochSecond()));
      return ExitCodes.OK;
    }
  }

  /** {@code coffer tokens verify}. */
  @Command(name = "verify", description = {"Verifies a player token as the services do: signature, app, expiry.",
      "Exit 0 and the player it names when valid; exit 1 and why (MALFORMED, BAD_SIGNATURE, WRONG_APP, EXPIRED) "
          + "when not."})
  static final class Verify implements Callable<Integer> {
    private final Context context;

    @Parameters(paramLabel = "TOKEN", description = "The token.")
    String token;

    @Option(names = {"-a", "--app"}, required = true, description = "The app it must be for.")
    String app;

    @ArgGroup(exclusive = true)
    Secret secret;

    Verify(final Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      final Instant now = context.clock().instant();
      final byte[] key = secret(secret, app, context);
      final String player;
      try {
        if (key == null) {
          final App found = AppsFiles.app(secret.appsFile, app, context);
          player = found.verifyPlayerToken(token, now);
        } else {
          player = PlayerTokens.verify(key, app, token, now);
        }
      } catch (final PlayerTokens.InvalidTokenException e) {
        context.out().println("invalid: " + e.failure() + ": " + e.getMessage());
        return ExitCodes.FAILED;
      }
      final Instant expires = Instant.ofEpochSecond(Long.parseLong(token.split("\\.")[3]));
      context.out().println("valid: app " + app + ", player " + player + ", expires " + expires + " (in "
          + Duration.between(now, expires).toMinutes() + " min)");
      return ExitCodes.OK;
    }
  }
}

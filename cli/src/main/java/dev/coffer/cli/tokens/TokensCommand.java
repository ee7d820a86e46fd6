package dev.coffer.cli.tokens;

import dev.coffer.apps.App;
import dev.coffer.apps.PlayerTokens;
import dev.coffer.cli.AppsFiles;
import dev.coffer.cli.CofferCommand;
import dev.coffer.cli.CommandGroup;
import dev.coffer.cli.Context;
import dev.coffer.cli.Durations;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer tokens}: player tokens, what a client key needs to act for one player. */
@Command(name = "tokens", description = "Player tokens (pt1.<app>.<player>.<expiry>.<mac>): sign one as the game "
    + "server does, or verify one as the services do.",
    subcommands = {TokensCommand.Sign.class, TokensCommand.Verify.class})
public final class TokensCommand extends CommandGroup {
  /** Where the app's player-token secret comes from. */
  static final class Secret {
    @Option(names = "--apps-file", paramLabel = "FILE", description = "The apps file: the app's playerTokenSecret.")
    Path appsFile;

    @Option(names = "--secret-env", paramLabel = "NAME",
        description = "An environment variable holding the app's playerTokenSecret.")
    String secretEnv;
  }

  /** One app's player-token secret: its app in an apps file, or the bytes of a variable. */
  record Signer(String appId, App app, byte[] key) {
    String issue(final String player, final Instant expires) {
      return app != null ? app.issuePlayerToken(player, expires) : PlayerTokens.issue(key, appId, player, expires);
    }

    String verify(final String token, final Instant now) throws PlayerTokens.InvalidTokenException {
      return app != null ? app.verifyPlayerToken(token, now) : PlayerTokens.verify(key, appId, token, now);
    }
  }

  /** The signer of {@code appId}: from the apps file, the named variable, or COFFER_PLAYER_TOKEN_SECRET. */
  static Signer signer(final Secret source, final String appId, final Context context) {
    if (source != null && source.appsFile != null) {
      return new Signer(appId, AppsFiles.app(source.appsFile, appId, context), null);
    }
    final String name = source != null && source.secretEnv != null ? source.secretEnv : "COFFER_PLAYER_TOKEN_SECRET";
    final String secret = context.env(name);
    if (secret == null) {
      throw new UsageException("no player-token secret: pass --apps-file FILE, or set " + name
          + (source != null && source.secretEnv != null ? "" : " (or name another variable with --secret-env)"));
    }
    return new Signer(appId, null, secret.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code coffer tokens sign}. */
  @Command(name = "sign", description = "Signs a player token, printed alone on standard output.")
  static final class Sign extends CofferCommand {
    @Option(names = {"-a", "--app"}, required = true, description = "The app.")
    String app;

    @Option(names = {"-p", "--player"}, required = true, description = "The player (the game's own id).")
    String player;

    @Option(names = "--ttl", defaultValue = "1h", converter = Durations.class,
        description = "How long it is valid: 90s, 30m, 12h, 7d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @ArgGroup(exclusive = true)
    Secret secret;

    @Override
    public Integer call() {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new UsageException("--ttl must be positive");
      }
      final Instant expires = context().clock().instant().plus(ttl);
      out().println(signer(secret, app, context()).issue(player, expires));
      err().println("valid until " + Instant.ofEpochSecond(expires.getEpochSecond()));
      return ExitCodes.OK;
    }
  }

  /** {@code coffer tokens verify}. */
  @Command(name = "verify", description = {"Verifies a player token as the services do: signature, app, expiry.",
      "Exit 0 and the player it names when valid; exit 1 and why (MALFORMED, BAD_SIGNATURE, WRONG_APP, EXPIRED) "
          + "when not."})
  static final class Verify extends CofferCommand {
    @Parameters(paramLabel = "TOKEN", description = "The token.")
    String token;

    @Option(names = {"-a", "--app"}, required = true, description = "The app it must be for.")
    String app;

    @ArgGroup(exclusive = true)
    Secret secret;

    @Override
    public Integer call() {
      final Instant now = context().clock().instant();
      final Signer signer = signer(secret, app, context());
      final String player;
      try {
        player = signer.verify(token, now);
      } catch (final PlayerTokens.InvalidTokenException e) {
        out().println("invalid: " + e.failure() + ": " + e.getMessage());
        return ExitCodes.FAILED;
      }
      final Instant expires = Instant.ofEpochSecond(Long.parseLong(token.split("\\.")[3]));
      out().println("valid: app " + app + ", player " + player + ", expires " + expires + " (in "
          + Duration.between(now, expires).toMinutes() + " min)");
      return ExitCodes.OK;
    }
  }
}

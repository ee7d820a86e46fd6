package dev.coffer.cli;

import dev.coffer.cli.apps.AppsCommand;
import dev.coffer.cli.catalog.CatalogCommand;
import dev.coffer.cli.deadletters.DeadLettersCommand;
import dev.coffer.cli.keys.KeysCommand;
import dev.coffer.cli.ledger.LedgerCommand;
import dev.coffer.cli.migrate.MigrateCommand;
import dev.coffer.cli.players.PlayersCommand;
import dev.coffer.cli.tokens.TokensCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coffer}: the command-line tool for Coffer's daily chores. {@code java -jar cli/target/coffer.jar --help}.
 * Every command has {@code --help}; exit codes are {@link ExitCodes}.
 */
@Command(name = "coffer", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    version = "coffer 0.1.0",
    description = "Coffer's command-line tool: keys, player tokens, apps files, players' ledgers, export and "
        + "erasure, catalogs, migration, ledger replay, dead letters.",
    footer = {"", "Exit codes: 0 done; 1 ran and failed (see the message); 2 wrong command line; 3 refused by "
        + "Coffer (4xx); 4 Coffer or Kafka unavailable (safe to run again).",
        "HTTP commands read the API key from COFFER_API_KEY (or --api-key-file)."},
    subcommands = {KeysCommand.class, TokensCommand.class, AppsCommand.class, LedgerCommand.class,
        PlayersCommand.class, CatalogCommand.class, MigrateCommand.class, DeadLettersCommand.class,
        CommandLine.HelpCommand.class})
public final class CofferCli extends CommandGroup {
  /** The logback configuration of the tool: warnings only, on standard error (results own standard output). */
  static final String LOGBACK = "coffer-cli-logback.xml";

  @Override
  protected String missing() {
    return "name a command";
  }

  /** Runs the tool and exits with its code. */
  public static void main(final String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK);
    }
    final Context context = new Context(System.getenv(),
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), System.in,
        Clock.systemUTC(), System.console() != null);
    System.exit(run(context, args));
  }

  /**
   * Runs one command line.
   *
   * @param context the environment and streams
   * @param args the arguments
   * @return the exit code ({@link ExitCodes})
   */
  public static int run(final Context context, final String... args) {
    final int code = commandLine(context).execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /** The command line over {@code context}. */
  static CommandLine commandLine(final Context context) {
    final CommandLine line = new CommandLine(new CofferCli(), new Factory(context));
    line.setOut(context.out());
    line.setErr(context.err());
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setExecutionExceptionHandler(new Errors(context));
    return line;
  }

  /** Makes commands as picocli's default factory does, and hands the context to those that act. */
  private static final class Factory implements CommandLine.IFactory {
    private final Context context;

    Factory(final Context context) {
      this.context = context;
    }

    @Override
    public <K> K create(final Class<K> type) throws Exception {
      final K made = CommandLine.defaultFactory().create(type);
      if (made instanceof CofferCommand command) {
        command.bind(context);
      }
      return made;
    }
  }
}

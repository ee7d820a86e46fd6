package dev.coffer.cli.players;

import dev.coffer.cli.CommandGroup;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.HttpCommand;
import dev.coffer.cli.Printing;
import dev.coffer.cli.UsageException;
import dev.coffer.client.ReadOptions;
import dev.coffer.client.model.Erasure;
import dev.coffer.client.model.PlayerExport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer players}: one player's data (GDPR access and erasure). */
@Command(name = "players", description = "One player's data: export it (GDPR access) or erase it.",
    subcommands = {PlayersCommand.Export.class, PlayersCommand.Erase.class})
public final class PlayersCommand extends CommandGroup {
  /** {@code coffer players export}. */
  @Command(name = "export", description = {"Writes everything Coffer's read side holds on a player as JSON: wallet, "
      + "instances, purchases, subscriptions and every change (GDPR access).",
      "After an erasure: erased, with empty lists."})
  static final class Export extends HttpCommand {
    @Parameters(paramLabel = "PLAYER", description = "The player (the game's own id).")
    String player;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    Path output;

    @Option(names = "--min-version", defaultValue = "0", description = "Wait until the view has reached this version.")
    long minVersion;

    @Override
    public Integer call() {
      final PlayerExport export = client().reads().export(player, ReadOptions.atLeast(minVersion));
      if (write(output, Printing.prettyJson(export) + "\n")) {
        err().println("wrote " + output + " (player " + player + ", version " + export.version()
            + (export.erased() ? ", erased" : "") + ", " + export.ledger().size() + " changes)");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code coffer players erase}. */
  @Command(name = "erase", description = {"Erases a player (GDPR): records the erasure in the ledger once, drops "
      + "the read models and destroys the player's data key. Cannot be undone; needs --yes.",
      "Erasing an erased player again changes nothing (\"already erased\", exit 0), nor does erasing a player"
          + " Coffer never saw (\"never seen\")."})
  static final class Erase extends HttpCommand {
    @Parameters(paramLabel = "PLAYER", description = "The player (the game's own id).")
    String player;

    @Option(names = "--reason", description = "Why (e.g. a ticket number; up to 200 characters).")
    String reason;

    @Option(names = "--yes", description = "Confirm: the erasure cannot be undone.")
    boolean yes;

    @Override
    public Integer call() {
      if (!yes) {
        throw new UsageException("erasing " + player + " cannot be undone: add --yes to confirm");
      }
      final Erasure erasure = client().writes().erase(player, reason);
      out().println(switch (erasure.result()) {
        case ERASED -> "erased: " + player + " (event " + erasure.eventId() + ")";
        case NO_OP_ALREADY_ERASED -> "already erased: " + player + " (nothing changed)";
        case NO_OP_NEVER_EXISTED -> "never seen: " + player + " (nothing to erase)";
        case PENDING -> "pending: " + player + " (event " + erasure.eventId() + "): run the command again to finish";
      });
      return ExitCodes.OK;
    }
  }
}

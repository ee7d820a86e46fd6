package dev.coffer.cli.ledger;

import dev.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer ledger}: a player's history, and the ledger's replay. */
@Command(name = "ledger", description = "A player's ledger (tail, or follow live), and a replay of the ledger's "
    + "fold.", subcommands = {TailCommand.class, ReplayCommand.class})
public final class LedgerCommand extends CommandGroup {
}

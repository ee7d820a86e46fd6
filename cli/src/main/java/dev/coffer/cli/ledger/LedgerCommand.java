package dev.coffer.cli.ledger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code coffer ledger}: a player's history, and the ledger's replay. */
@Command(name = "ledger", description = "A player's ledger (tail, or follow live), and a replay of the ledger's "
    + "fold.", subcommands = {TailCommand.class, ReplayCommand.class})
public final class LedgerCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: tail or replay");
  }
}

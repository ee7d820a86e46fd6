package dev.coffer.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code coffer keys}, {@code coffer ledger}, ...): run alone, it is a
 * usage error that names its subcommands, read from picocli's model so the message cannot drift from them.
 */
public abstract class CommandGroup implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), missing());
  }

  /** What the usage error says: {@code name a subcommand: a, b or c}. */
  protected String missing() {
    final List<String> names = spec.subcommands().entrySet().stream()
        .filter(e -> !(e.getValue().getCommand() instanceof CommandLine.HelpCommand)).map(e -> e.getKey()).toList();
    final int last = names.size() - 1;
    return "name a subcommand: " + (last <= 0 ? String.join("", names)
        : String.join(", ", names.subList(0, last)) + " or " + names.get(last));
  }
}

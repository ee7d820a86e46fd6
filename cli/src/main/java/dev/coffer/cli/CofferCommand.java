package dev.coffer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A command that does something: it returns an exit code ({@link ExitCodes}) and throws what {@link Errors}
 * turns into a message and a code. Its {@link Context} is handed over by {@link CofferCli}'s factory, so
 * that no command needs a constructor only to keep it.
 */
public abstract class CofferCommand implements Callable<Integer> {
  private Context context;

  /** Called once by the factory that makes the command. */
  final void bind(final Context context) {
    this.context = context;
  }

  /** The environment, streams and clock of this run. */
  protected final Context context() {
    return context;
  }

  /** Standard output: results. */
  protected final PrintWriter out() {
    return context.out();
  }

  /** Standard error: progress and problems. */
  protected final PrintWriter err() {
    return context.err();
  }

  /**
   * Writes {@code text} as it is to {@code output}, or to standard output when {@code output} is null.
   *
   * @return whether it went to a file (the caller then says so on standard error)
   * @throws UsageException if the file cannot be written
   */
  protected final boolean write(final Path output, final String text) {
    if (output == null) {
      out().print(text);
      return false;
    }
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UsageException("cannot write " + output + ": " + e);
    }
    return true;
  }
}

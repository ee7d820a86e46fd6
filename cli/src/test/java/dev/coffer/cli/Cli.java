package dev.coffer.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Runs the tool in-process (picocli's {@code CommandLine.execute}) and keeps what it printed. */
final class Cli {
  /**
   * One run.
   *
   * @param code the exit code
   * @param out standard output
   * @param err standard error
   */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final Map<String, String> env;
  private final Clock clock;

  Cli(final Map<String, String> env, final Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  Cli(final Map<String, String> env) {
    this(env, Clock.systemUTC());
  }

  /** A run in the background, whose output can be watched while it runs. */
  final class Started {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final java.util.concurrent.CompletableFuture<Integer> code;

    Started(final String... args) {
      code = java.util.concurrent.CompletableFuture.supplyAsync(() -> CofferCli.run(new Context(env,
          new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]), clock, false),
          args));
    }
  }

  /** Starts a run in the background. */
  Started start(final String... args) {
    return new Started(args);
  }

  Run run(final String... args) {
    return runWithInput("", args);
  }

  Run runWithInput(final String stdin, final String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int code = CofferCli.run(new Context(env, new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), clock, false), args);
    return new Run(code, out.toString(), err.toString());
  }
}

package dev.coffer.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What every command works with: the environment (API key, secrets named by variable), standard output
 * (results) and error (progress, problems), standard input and the clock. {@code main} passes the
 * process's own; tests pass theirs and read what was printed.
 *
 * @param env the environment variables
 * @param out where results go
 * @param err where progress and problems go
 * @param in standard input
 * @param clock what "now" is (token expiry)
 * @param terminal whether {@code err} is a terminal (a progress bar redraws in place)
 */
public record Context(Map<String, String> env, PrintWriter out, PrintWriter err, InputStream in, Clock clock,
                      boolean terminal) {
  public Context {
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(clock, "clock");
  }

  /** An environment variable, or {@code null}. */
  public String env(final String name) {
    final String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}

package dev.coffer.cli;

/**
 * The exit codes of every command, stable for scripts.
 * <ul>
 *   <li>{@value #OK}: done.
 *   <li>{@value #FAILED}: the command ran and the answer is "no": an apps file with problems, a token that
 *       does not verify, migration rows that failed (see the failures file), a replay that stopped.
 *   <li>{@value #USAGE}: the command line is wrong (unknown option, missing argument, unreadable file).
 *   <li>{@value #REFUSED}: a Coffer service refused the request (a 4xx problem: bad key, unknown player,
 *       invalid catalog, ...); the message has its code.
 *   <li>{@value #UNAVAILABLE}: a Coffer service or Kafka could not be reached or answered 503/429 after the
 *       retries: try again later (every command is safe to re-run).
 * </ul>
 */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;
  /** Ran, and the answer is no. */
  public static final int FAILED = 1;
  /** A wrong command line. */
  public static final int USAGE = 2;
  /** A service refused the request. */
  public static final int REFUSED = 3;
  /** A service or Kafka is unavailable. */
  public static final int UNAVAILABLE = 4;

  private ExitCodes() {
  }
}

package dev.coffer.apps;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The apps file is invalid. {@link #problems()} lists every problem found, each naming its key by
 * path (e.g. {@code apps[1].stores.googlePlay.publicKey}); {@link #key()} is the first one's.
 */
public final class AppsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  /**
   * One problem of the apps file.
   *
   * @param key the path of the bad key, or {@code (file)} for the file as a whole
   * @param message what is wrong with it
   */
  public record Problem(String key, String message) {
    @Override
    public String toString() {
      return key + ": " + message;
    }
  }

  /**
   * @param key the path of the bad key
   * @param message what is wrong with it
   */
  public AppsConfigException(final String key, final String message) {
    this(List.of(new Problem(key, message)), null);
  }

  /**
   * @param key the path of the bad key
   * @param message what is wrong with it
   * @param cause the underlying failure
   */
  public AppsConfigException(final String key, final String message, final Throwable cause) {
    this(List.of(new Problem(key, message)), cause);
  }

  /**
   * @param problems every problem found, at least one
   * @param cause the underlying failure; nullable
   */
  public AppsConfigException(final List<Problem> problems, final Throwable cause) {
    super(describe(problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problem to report");
    }
    this.problems = List.copyOf(problems);
  }

  private static String describe(final List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return "the apps file has " + problems.size() + " problems:" + problems.stream().map(p -> "\n  " + p)
        .collect(Collectors.joining());
  }

  /** The path of the (first) bad key. */
  public String key() {
    return problems.get(0).key();
  }

  /** Every problem found, in the order found. */
  public List<Problem> problems() {
    return problems;
  }
}

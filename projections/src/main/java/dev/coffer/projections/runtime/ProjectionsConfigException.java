package dev.coffer.projections.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot run; the message names every bad key, where it came from and why. */
public final class ProjectionsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One bad key.
   *
   * @param key the key, e.g. {@code http.port}
   * @param origin where its value came from ({@code file projections.yaml}, {@code env ...}), or {@code null}
   * @param message what is wrong
   */
  public record Problem(String key, String origin, String message) {
    @Override
    public String toString() {
      return key + (origin == null ? "" : " (" + origin + ")") + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  /**
   * @param source the file, or {@code null}
   * @param problems every problem found
   */
  public ProjectionsConfigException(final String source, final List<Problem> problems) {
    super("invalid projections configuration" + (source == null ? "" : " " + source) + ": "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem. */
  public List<Problem> problems() {
    return problems;
  }
}

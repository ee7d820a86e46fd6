package dev.coffer.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot run. The message names every bad key and where its value came from (a
 * file, an environment variable, a default), so an operator can fix them all in one pass.
 *
 * <p>Services may subclass it to keep a type of their own in their public API.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * One bad key.
   *
   * @param key the key, e.g. {@code http.port}, or an unknown environment variable's name
   * @param origin where its value came from ({@code file ledger.yaml}, {@code env COFFER_LEDGER_HTTP_PORT},
   *     {@code default}), or {@code null} if it has none (a missing key, a value given in code)
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
   * @param subject whose configuration it is, e.g. {@code ledger}
   * @param source the file read, or {@code null}
   * @param problems every problem found; reported in key order
   */
  public ConfigException(final String subject, final String source, final List<Problem> problems) {
    super("invalid " + subject + " configuration" + (source == null ? "" : " in " + source) + ": "
        + sorted(problems).stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = sorted(problems);
  }

  private static List<Problem> sorted(final List<Problem> problems) {
    // Stable: problems of one key keep the order they were found in.
    final List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(Problem::key));
    return List.copyOf(sorted);
  }

  /** Every problem found, in key order. */
  public List<Problem> problems() {
    return problems;
  }

  /** The keys found bad, in key order. */
  public List<String> keys() {
    return problems.stream().map(Problem::key).toList();
  }
}

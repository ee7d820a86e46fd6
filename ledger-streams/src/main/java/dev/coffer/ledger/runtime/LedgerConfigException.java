package dev.coffer.ledger.runtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ledger's configuration is invalid. The message names every bad key (and where its value came
 * from: the file or an environment variable), so an operator can fix them all in one pass.
 */
public final class LedgerConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** One bad key and what is wrong with it. */
  public record Problem(String key, String origin, String message) {
    @Override
    public String toString() {
      return key + (origin == null ? "" : " (" + origin + ")") + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  LedgerConfigException(final String source, final List<Problem> problems) {
    super("invalid ledger configuration" + (source == null ? "" : " in " + source) + ": "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
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

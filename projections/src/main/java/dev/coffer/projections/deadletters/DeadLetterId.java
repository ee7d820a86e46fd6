package dev.coffer.projections.deadletters;

import dev.coffer.service.problem.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dead letter's id: where it is in its topic, {@code <partition>-<offset>}. Stable for as long as the
 * topic keeps the record.
 *
 * @param partition the partition
 * @param offset the offset
 */
public record DeadLetterId(int partition, long offset) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

  /**
   * Parses an id.
   *
   * @throws ProblemException 400 {@code INVALID_DEAD_LETTER_ID}
   */
  public static DeadLetterId parse(final String text) {
    final Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new ProblemException(400, "INVALID_DEAD_LETTER_ID",
          "a dead letter id is <partition>-<offset>, e.g. 0-42; got " + text);
    }
    return new DeadLetterId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
  }

  /** The id of the record at {@code partition}, {@code offset}. */
  public static String of(final int partition, final long offset) {
    return partition + "-" + offset;
  }

  @Override
  public String toString() {
    return of(partition, offset);
  }
}

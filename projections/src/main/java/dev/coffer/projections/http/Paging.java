package dev.coffer.projections.http;

import dev.coffer.projections.ProjectionStores;
import dev.coffer.projections.history.HistoryEntry;
import dev.coffer.projections.history.HistoryKeys;
import dev.coffer.projections.history.HistoryPage;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.service.problem.ProblemException;
import java.util.List;

/**
 * Pages of a player's history, newest first: {@code ?cursor=} (the version to read below, from the
 * previous page's {@code nextCursor}) and {@code ?limit=} (1 to {@value #MAX_PAGE}, default 50).
 */
final class Paging {
  /** The most ledger entries one page holds. */
  static final int MAX_PAGE = 500;
  private static final int DEFAULT_PAGE = 50;

  private Paging() {
  }

  /** One page of entries below version {@code before}. */
  static HistoryPage page(final InteractiveQueries queries, final int partition, final String playerKey,
                          final long before, final int limit) {
    if (before <= 0) {
      return new HistoryPage(List.of(), null);
    }
    final List<HistoryEntry> entries = queries.reverseRange(ProjectionStores.HISTORY, partition,
        HistoryKeys.first(playerKey), HistoryKeys.key(playerKey, before - 1), limit + 1);
    if (entries.size() <= limit) {
      return new HistoryPage(entries, null);
    }
    final List<HistoryEntry> page = entries.subList(0, limit);
    return new HistoryPage(page, Long.toString(page.get(limit - 1).version()));
  }

  /** The cursor: unset is the newest; else a version (400 {@code INVALID_CURSOR}). */
  static long cursor(final String value) {
    if (value == null || value.isBlank()) {
      return Long.MAX_VALUE;
    }
    return nonNegative(value, "INVALID_CURSOR", "not a cursor of this API: " + value,
        "not a cursor of this API: " + value);
  }

  /** The page size (400 {@code INVALID_LIMIT}). */
  static int limit(final String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PAGE;
    }
    final long v = nonNegative(value, "INVALID_LIMIT", "limit must be a whole number",
        "limit must be between 1 and " + MAX_PAGE);
    if (v < 1 || v > MAX_PAGE) {
      throw new ProblemException(400, "INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE);
    }
    return (int) v;
  }

  /** {@code ?minVersion=}: 0 when unset (400 {@code INVALID_MIN_VERSION}). */
  static long minVersion(final String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    return nonNegative(value, "INVALID_MIN_VERSION", "minVersion must be a whole number",
        "minVersion must not be negative");
  }

  private static long nonNegative(final String value, final String code, final String notANumber,
                                  final String negative) {
    final long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (final NumberFormatException e) {
      throw new ProblemException(400, code, notANumber);
    }
    if (v < 0) {
      throw new ProblemException(400, code, negative);
    }
    return v;
  }
}

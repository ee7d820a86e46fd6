package dev.coffer.cli.migrate;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on standard error: redrawn in place on a terminal, one line per update otherwise (a log
 * or a CI job). Plain text, no library:
 * {@code [#########.........]  45%  4,500/10,000 rows  ok 4,490  failed 10  1,200 rows/s}.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean terminal;
  private final long total;
  private final long started = System.nanoTime();

  ProgressBar(final PrintWriter err, final boolean terminal, final long total) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
  }

  /** Shows {@code done} rows of the total, of which {@code failed} failed. */
  void show(final long done, final long failed) {
    final double share = total == 0 ? 1 : (double) done / total;
    final int filled = (int) Math.round(share * WIDTH);
    final double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    final String line = String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d rows  ok %,d  failed %,d  %,.0f rows/s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(share * 100), done, total, done - failed, failed,
        done / seconds);
    if (terminal) {
      err.print("\r" + line);
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the bar's line. */
  void finish() {
    if (terminal) {
      err.println();
      err.flush();
    }
  }
}

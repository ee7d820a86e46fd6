package dev.coffer.cli.migrate;

import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.HttpCommand;
import dev.coffer.cli.UsageException;
import dev.coffer.client.CofferClient;
import dev.coffer.client.CofferException;
import dev.coffer.client.ProblemException;
import dev.coffer.client.Writes;
import dev.coffer.client.model.MigrationResult;
import dev.coffer.client.model.MigrationRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One migration run: reads the file in batches, sends each through the SDK ({@code POST /migrate/{kind}}),
 * writes every row that was not recorded (refused, invalid, failed, pending, not sent) to the failures file,
 * and stops at the first batch the gateway did not take (the rest of the file goes to the failures file as
 * NOT_SENT). Exit 0 when every row is recorded, 1 when some are in the failures file, 3 or 4 when a batch was
 * refused or the gateway unavailable.
 */
abstract class Migration extends HttpCommand {
  private final MigrationFile.Kind kind;

  @Parameters(paramLabel = "FILE", description = "The CSV file.")
  Path file;

  @Option(names = "--failures", paramLabel = "FILE",
      description = "Where rows that were not recorded go, replaced on each run (default: FILE.failures.csv beside "
          + "the input).")
  Path failures;

  @Option(names = "--batch-size", defaultValue = "1000", description = "Rows per call, 1 to 1000 (default: "
      + "${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  private String fileDigest;
  private int batchIndex;

  Migration(final MigrationFile.Kind kind) {
    this.kind = kind;
  }

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > Writes.MAX_MIGRATION_ROWS) {
      throw new UsageException("--batch-size must be 1 to " + Writes.MAX_MIGRATION_ROWS);
    }
    final Path failuresFile = failures != null ? failures
        : file.resolveSibling(file.getFileName() + ".failures.csv");
    if (failuresFile.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      throw new UsageException("--failures must not be the input file");
    }
    try {
      // The failures file is this command's output: last run's is replaced, never mixed with this one's.
      Files.deleteIfExists(failuresFile);
    } catch (final IOException e) {
      throw new UsageException("cannot replace " + failuresFile + ": " + e.getMessage());
    }
    final CofferClient coffer = client();
    final long total = MigrationFile.count(file, kind);
    fileDigest = digest(file);
    final Run run = new Run(coffer, noProgress ? null : new ProgressBar(err(), context().terminal(), total));
    try (MigrationFile input = MigrationFile.open(file, kind);
        FailureFile notRecorded = new FailureFile(failuresFile, input.header())) {
      final List<MigrationFile.Row> batch = new ArrayList<>(batchSize);
      for (MigrationFile.Row row = input.next(); row != null; row = input.next()) {
        if (row.row() == null) {
          notRecorded.add(row, "INVALID_ROW", null, row.problem());
          run.counts.merge("INVALID_ROW", 1L, Long::sum);
          run.failed++;
          run.done++;
          continue;
        }
        batch.add(row);
        if (batch.size() == batchSize) {
          run.flush(batch, notRecorded);
        }
      }
      run.flush(batch, notRecorded);
      if (run.bar != null) {
        run.bar.finish();
      }
      out().println("migrated " + kind + " from " + file + " into app " + app() + ": " + run.done + " rows "
          + run.counts + (notRecorded.written() == 0 ? "" : "; " + notRecorded.written() + " rows not recorded are in "
              + notRecorded.path() + " (fix them and run it the same way)"));
    }
    if (run.stopped != null) {
      throw run.stopped;
    }
    return run.failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The first 16 hex digits of the SHA-256 of the file's bytes: the batches' name. */
  private static String digest(final Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      final java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      final byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (final IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    } catch (final java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The state of one run. */
  private final class Run {
    final CofferClient coffer;
    final ProgressBar bar;
    final Map<String, Long> counts = new TreeMap<>();
    long done;
    long failed;
    CofferException stopped;

    Run(final CofferClient coffer, final ProgressBar bar) {
      this.coffer = coffer;
      this.bar = bar;
    }

    /** Sends the batch (or, once a batch was not taken, writes it as not sent), then empties it. */
    void flush(final List<MigrationFile.Row> batch, final FailureFile out) {
      if (batch.isEmpty()) {
        return;
      }
      if (stopped == null) {
        try {
          failed += send(coffer, batch, out, counts);
        } catch (final CofferException e) {
          stopped = e;
          failed += notSent(batch, out, counts, "FAILED", e);
        }
      } else {
        failed += notSent(batch, out, counts, "NOT_SENT", stopped);
      }
      done += batch.size();
      batch.clear();
      if (bar != null) {
        bar.show(done, failed);
      }
    }
  }

  /** Sends one batch; returns how many of its rows failed. */
  private long send(final CofferClient coffer, final List<MigrationFile.Row> batch, final FailureFile out,
                    final Map<String, Long> counts) {
    final List<MigrationRow> rows = batch.stream().map(MigrationFile.Row::row).toList();
    // Rows without a key are keyed by batch and position: the file's content and the batch's place in it, so
    // running the same file again is safe.
    final MigrationResult result = coffer.writes().migrate(fileDigest + "-" + batchIndex++, rows);
    long failed = 0;
    for (final MigrationResult.Row r : result.results()) {
      final String status = r.status() == null ? "UNKNOWN" : r.status().name();
      counts.merge(status, 1L, Long::sum);
      if (!r.succeeded()) {
        failed++;
        out.add(batch.get(r.row()), status, r.code(), r.detail() != null ? r.detail()
            : r.status() == MigrationResult.Status.PENDING ? "recorded; outcome not known yet (event " + r.eventId()
                + "): run again to learn it" : null);
      }
    }
    return failed;
  }

  private static long notSent(final List<MigrationFile.Row> batch, final FailureFile out,
                              final Map<String, Long> counts, final String status, final CofferException cause) {
    final String code = cause instanceof ProblemException p ? p.code() : cause.getClass().getSimpleName();
    for (final MigrationFile.Row row : batch) {
      out.add(row, status, code, cause.getMessage());
    }
    counts.merge(status, (long) batch.size(), Long::sum);
    return batch.size();
  }
}

package dev.coffer.bench.restore;

import dev.coffer.bench.fault.LedgerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw read of the changelogs again, in a JVM of its own started with the ledger instances' JVM options: a
 * restarted instance restores in a JVM that has compiled nothing yet, where the bench's own raw read runs warm.
 * Reported beside the restore as a second yardstick, to tell the cold start's share of the gap from Streams'
 * and RocksDB's (issue 10's target stays against the bench's read).
 */
public final class FreshJvmRead {
  private static final String RESULT = "FRESH-JVM-READ";

  private FreshJvmRead() {
  }

  /** What the fresh JVM read: records, and nanoseconds from its first poll to the end offsets. */
  record Result(long records, long nanos) {
    double recordsPerSecond() {
      return nanos == 0 ? 0 : records / (nanos / 1e9);
    }
  }

  /**
   * The child's entry point: {@code <bootstrap servers> <timeout seconds> <topic>...}; prints the result line.
   *
   * @param args as above
   */
  public static void main(final String[] args) {
    final Changelogs.RawRead read = Changelogs.rawRead(args[0], List.of(args).subList(2, args.length),
        Duration.ofSeconds(Long.parseLong(args[1])));
    System.out.println(RESULT + " " + read.totalRecords() + " " + read.nanos());
  }

  /**
   * Runs the read in a child JVM with {@code jvmOptions}, its output in {@code log}.
   *
   * @throws IllegalStateException if the child fails, times out or prints no result
   */
  static Result run(final List<String> jvmOptions, final String bootstrapServers, final Collection<String> topics,
                    final Duration timeout, final Path log) {
    final List<String> args = new ArrayList<>(List.of(bootstrapServers, Long.toString(timeout.toSeconds())));
    args.addAll(topics);
    final List<String> command = LedgerProcess.javaCommand(jvmOptions, FreshJvmRead.class, args);
    try {
      final Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!process.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the fresh-JVM read did not end within " + timeout + "; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("the fresh-JVM read exited with " + process.exitValue() + "; see " + log);
      }
      final String line = Files.readAllLines(log).stream().filter(l -> l.startsWith(RESULT + " ")).reduce(
          (first, second) -> second).orElseThrow(() -> new IllegalStateException(
              "the fresh-JVM read printed no result; see " + log));
      final String[] parts = line.split(" ");
      return new Result(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot run the fresh-JVM read: " + command, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the fresh-JVM read ran", e);
    }
  }
}

package dev.coffer.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (Debian's {@code wrk}: a C load generator, so the load is not limited by the
 * generator) against a local URL and reads its report, with how much CPU wrk itself used: a result is
 * only the server's if the generator had CPU to spare.
 */
public final class Wrk {
  private static final Pattern PERCENTILE = Pattern.compile(
      "^\\s*(50|75|90|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
  private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("^\\s*([0-9]+) requests in ([0-9.]+)(us|ms|s|m)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
  private static final Pattern SOCKET = Pattern.compile(
      "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

  private final Path binary;
  private final Path work;

  private Wrk(final Path binary, final Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The result of one run. */
  public record Result(double perSecond, long requests, double seconds, double p50Millis, double p75Millis,
                       double p90Millis, double p99Millis, long errors, double wrkCpuSeconds,
                       double machineBusyCoreSeconds, double benchJvmCpuSeconds) {
    /** wrk's share of all CPU the machine used during the run. */
    public double wrkCpuShare() {
      return machineBusyCoreSeconds <= 0 ? 0 : wrkCpuSeconds / machineBusyCoreSeconds;
    }

    /**
     * The CPU the bench JVM (the services under test and the broker) spent per request, in microseconds: what the
     * JVM accounts to itself, so steadier than a rate on a shared VM whose cores slow down and speed up.
     */
    public double benchJvmMicrosPerRequest() {
      return requests <= 0 ? 0 : benchJvmCpuSeconds * 1e6 / requests;
    }

    /**
     * Runs of one measurement taken in rounds, as one result: the rate of all their requests over all their
     * time, and each percentile as the worst round's (rounds' distributions cannot be merged from wrk's text;
     * the worst is the honest bound).
     */
    public static Result ofRounds(final List<Result> rounds) {
      if (rounds.isEmpty()) {
        throw new IllegalArgumentException("no rounds");
      }
      final long requests = rounds.stream().mapToLong(Result::requests).sum();
      final double seconds = rounds.stream().mapToDouble(Result::seconds).sum();
      return new Result(seconds <= 0 ? 0 : requests / seconds, requests, seconds,
          rounds.stream().mapToDouble(Result::p50Millis).max().orElseThrow(),
          rounds.stream().mapToDouble(Result::p75Millis).max().orElseThrow(),
          rounds.stream().mapToDouble(Result::p90Millis).max().orElseThrow(),
          rounds.stream().mapToDouble(Result::p99Millis).max().orElseThrow(),
          rounds.stream().mapToLong(Result::errors).sum(),
          rounds.stream().mapToDouble(Result::wrkCpuSeconds).sum(),
          rounds.stream().mapToDouble(Result::machineBusyCoreSeconds).sum(),
          rounds.stream().mapToDouble(Result::benchJvmCpuSeconds).sum());
    }

    /** A one-line summary. */
    public String summary() {
      return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms; %,d requests, %d errors; wrk used %.0f%% of"
          + " the CPU spent (%.2f cores); the bench JVM %.1f us of CPU per request", p50Millis, p99Millis, requests,
          errors, 100 * wrkCpuShare(), seconds <= 0 ? 0 : wrkCpuSeconds / seconds, benchJvmMicrosPerRequest());
    }
  }

  /**
   * wrk, if this machine has it.
   *
   * @param work where scripts are written
   * @return wrk, or {@code null} when it is not installed ({@code apt-get install wrk})
   */
  public static Wrk find(final Path work) {
    for (final String candidate : List.of("/usr/bin/wrk", "/usr/local/bin/wrk")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return new Wrk(Path.of(candidate), work);
      }
    }
    return null;
  }

  /** Writes a Lua script into the work folder and returns its path. */
  public Path script(final String name, final String lua) {
    try {
      Files.createDirectories(work);
      return Files.writeString(work.resolve(name), lua, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + name, e);
    }
  }

  /**
   * Runs wrk with 2 threads and {@code connections} connections for {@code duration}.
   *
   * @param url the base URL
   * @param connections concurrency
   * @param duration how long
   * @param script a Lua script, or {@code null}
   * @param headers extra {@code -H} headers
   * @return what wrk reported
   */
  public Result run(final String url, final int connections, final Duration duration, final Path script,
                    final List<String> headers) {
    final List<String> command = new ArrayList<>(List.of(binary.toString(), "-t2", "-c" + connections,
        "-d" + duration.toSeconds() + "s", "--timeout", "10s", "--latency"));
    if (script != null) {
      command.add("-s");
      command.add(script.toString());
    }
    headers.forEach(h -> {
      command.add("-H");
      command.add(h);
    });
    command.add(url);
    try {
      final Path output = Files.createTempFile(work, "wrk-", ".txt");
      final long[] cpuBefore = MachineCpu.ticks();
      final long jvmBefore = MachineCpu.jvmCpuNanos();
      final Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      Duration wrkCpu = Duration.ZERO;
      // wrk's CPU time is only readable while it runs: sample it until it ends.
      while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
        wrkCpu = process.info().totalCpuDuration().orElse(wrkCpu);
      }
      final long[] cpuAfter = MachineCpu.ticks();
      final double jvmCpu = (MachineCpu.jvmCpuNanos() - jvmBefore) / 1e9;
      final String text = Files.readString(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("wrk exited " + process.exitValue() + ": " + text);
      }
      return parse(text, wrkCpu.toNanos() / 1e9, MachineCpu.busyCoreSeconds(cpuBefore, cpuAfter), jvmCpu);
    } catch (final IOException e) {
      throw new UncheckedIOException("running wrk failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while wrk ran", e);
    }
  }

  static Result parse(final String text, final double wrkCpuSeconds, final double busyCoreSeconds,
                      final double jvmCpuSeconds) {
    final double[] pct = new double[4];
    double rate = 0;
    long requests = 0;
    double seconds = 0;
    long errors = 0;
    for (final String line : text.split("\n")) {
      Matcher m = PERCENTILE.matcher(line);
      if (m.find()) {
        final int index = switch (m.group(1)) {
          case "50" -> 0;
          case "75" -> 1;
          case "90" -> 2;
          default -> 3;
        };
        pct[index] = millis(Double.parseDouble(m.group(2)), m.group(3));
      }
      if ((m = RATE.matcher(line)).find()) {
        rate = Double.parseDouble(m.group(1));
      }
      if ((m = TOTAL.matcher(line)).find()) {
        requests = Long.parseLong(m.group(1));
        seconds = millis(Double.parseDouble(m.group(2)), m.group(3)) / 1000;
      }
      if ((m = NON_2XX.matcher(line)).find()) {
        errors += Long.parseLong(m.group(1));
      }
      if ((m = SOCKET.matcher(line)).find()) {
        for (int g = 1; g <= 4; g++) {
          errors += Long.parseLong(m.group(g));
        }
      }
    }
    if (requests == 0) {
      throw new IllegalStateException("wrk reported no requests:\n" + text);
    }
    return new Result(rate, requests, seconds, pct[0], pct[1], pct[2], pct[3], errors, wrkCpuSeconds,
        busyCoreSeconds, jvmCpuSeconds);
  }

  private static double millis(final double value, final String unit) {
    return switch (unit) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      default -> value * 60_000;
    };
  }
}

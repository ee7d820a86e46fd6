package dev.coffer.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU use from {@code /proc/stat} (Linux): busy and total ticks over all cores; and this JVM's own
 * CPU time.
 */
final class MachineCpu {
  /** {@code USER_HZ}, the unit of {@code /proc/stat}: 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private MachineCpu() {
  }

  /** {busy, total} ticks since boot. */
  static long[] ticks() {
    try {
      final String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < cpu.length; i++) {
        total += Long.parseLong(cpu[i]);
      }
      // idle and iowait are the only not-busy columns.
      final long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
      return new long[] {total - idle, total};
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read /proc/stat", e);
    }
  }

  /** The CPU time this JVM has used, all its threads, in nanoseconds. */
  static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Core-seconds the machine was busy between two readings. */
  static double busyCoreSeconds(final long[] before, final long[] after) {
    return (after[0] - before[0]) / TICKS_PER_SECOND;
  }
}

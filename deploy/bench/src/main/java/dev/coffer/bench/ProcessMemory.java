package dev.coffer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Peak memory of processes, from Linux's {@code /proc/<pid>/status} and this JVM's memory pools. */
public final class ProcessMemory {
  private ProcessMemory() {
  }

  /** The peak resident set ({@code VmHWM}) of {@code pid} in bytes, if it is alive and readable. */
  public static OptionalLong peakRssBytes(final long pid) {
    final Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (final String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          // "VmHWM:    123456 kB"
          final String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        }
      }
      return OptionalLong.empty();
    } catch (final IOException e) {
      // Gone, or not Linux: nothing to report, the caller prints "n/a".
      return OptionalLong.empty();
    }
  }

  /** The sum of this JVM's heap pools' peak usage, in bytes. */
  public static long peakHeapBytes() {
    long total = 0;
    for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  /** A child of this JVM whose command line contains {@code marker} (e.g. the registry's jar). */
  public static Optional<ProcessHandle> child(final String marker) {
    return ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).findFirst();
  }

  /** Bytes as mebibytes. */
  public static double mib(final long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}

package dev.coffer.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, bounded, until this JVM's JIT compilers are quiet: one second in which they compiled for at most a tenth
 * of a core. The bench runs the broker, the registry client, the ledger and the services in one JVM on 2 cores, and
 * compiling all of that kept C2 at 0.5-0.8 of a core through the first ledger runs (per-thread CPU from
 * {@code /proc}, round 14): the first exactly-once run measured the JIT's warm-up as much as the ledger (8,414
 * events/s against 12,085 for the same run repeated once C2 had gone quiet).
 */
public final class JitSettle {
  /** The compile time per second of wall time under which the JIT counts as quiet. */
  public static final double QUIET = 0.1;

  private JitSettle() {
  }

  /**
   * This JVM's JIT compile time so far, in nanoseconds (its compilers' total, in the millisecond steps the JVM
   * reports), or -1 if the JVM does not report it.
   */
  public static long compileNanos() {
    final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit == null || !jit.isCompilationTimeMonitoringSupported() ? -1 : jit.getTotalCompilationTime() * 1_000_000;
  }

  /**
   * Waits until quiet or {@code deadline} passes.
   *
   * @return how long it waited and the last second's compile share, for the report
   */
  static String await(final Duration deadline) {
    if (compileNanos() < 0) {
      return "the JVM does not report its compile time";
    }
    final Quiet q = Quiet.await(JitSettle::compileNanos, QUIET, deadline);
    return String.format(Locale.ROOT, "%.0f s until the JIT was quiet (compiling %.2f of a core in the last second%s)",
        q.seconds(), q.cores(), q.quiet() ? "" : ", not quiet by the deadline");
  }
}

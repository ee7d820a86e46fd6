package dev.coffer.service.streams;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Commits a stream thread's transaction as soon as its input goes quiet after a small burst, instead of at the end
 * of the commit interval.
 *
 * <p>Why: under exactly-once an outcome is visible when its transaction commits, and a stream thread commits
 * when {@code commit.interval.ms} has passed since its last commit. Callers that wait for their outcome before
 * sending the next write (a game server's shop flow, a load generator) send it just after a commit, so each
 * write waited a whole interval, not half of one (deploy/bench: 10 ms less interval took 10 ms off the p50 at
 * 8 concurrent writers). Committing when nothing more has arrived for {@code quiet} ends that wait early. Only
 * after a small burst: a thread also goes quiet under load, whenever it has read up to its own open transaction
 * (the ledger's fold reads what its receipt stage wrote, read_committed), and committing then costs throughput;
 * above {@code maxRecords} the interval decides. What it gives and costs is measured in deploy/bench
 * (docs/design.md, "Quiet commits"); services turn it on by configuration.
 *
 * <p>One per processor: {@link #init} schedules a wall-clock check on the task, {@link #processed} marks each
 * record. Activity is tracked per stream thread (every task of a thread shares its one transaction), so a
 * quiet task on a busy thread does not commit the busy tasks early. {@link ProcessingContext#commit()} only
 * requests a commit: Streams commits between records, all of the thread's tasks in one transaction.
 */
public final class QuietCommit {
  /**
   * When a processor's thread commits early: one value for a topology, a {@link QuietCommit} per processor.
   *
   * @param quiet how long the thread's input must stay empty; zero: never early
   * @param maxRecords the largest burst (records since the input was last quiet) that commits early
   */
  public record Policy(Duration quiet, int maxRecords) {
    /** Commits at the interval only. */
    public static final Policy OFF = new Policy(Duration.ZERO, 1);

    // Checked here, where configuration builds it, not when Streams creates a processor on its stream thread.
    public Policy {
      Objects.requireNonNull(quiet, "quiet");
      if (quiet.isNegative()) {
        throw new IllegalArgumentException("quiet must not be negative: " + quiet);
      }
      if (maxRecords < 1) {
        throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
      }
    }

    /** A new quiet commit for one processor. */
    public QuietCommit create() {
      return new QuietCommit(this);
    }
  }

  /** Per stream thread: what its tasks' checks share. */
  private static final ThreadLocal<ThreadInput> INPUT = ThreadLocal.withInitial(ThreadInput::new);

  private final long quietMs;
  private final int maxRecords;
  private ProcessingContext context;
  /** This task processed a record since it last asked for a commit. */
  private boolean dirty;

  // Millisecond resolution: the stream thread's cached wall-clock time. A burst above maxRecords is load, which
  // the commit interval batches better.
  private QuietCommit(final Policy policy) {
    this.quietMs = policy.quiet().toMillis();
    this.maxRecords = policy.maxRecords();
  }

  /** Schedules the check on the processor's task; call from {@code Processor.init}. */
  public void init(final ProcessingContext context) {
    if (quietMs == 0) {
      return;
    }
    this.context = context;
    // Twice per quiet time, at least every millisecond (a wall-clock punctuation's resolution). Punctuations run
    // between polls: poll.ms apart when the thread is idle.
    context.schedule(Duration.ofMillis(Math.max(1, quietMs / 2)), PunctuationType.WALL_CLOCK_TIME, this::check);
  }

  /** Marks a record processed on this thread; call from {@code Processor.process}. */
  public void processed() {
    if (context != null) {
      final ThreadInput input = INPUT.get();
      input.lastProcessedMs = context.currentSystemTimeMs();
      input.sinceQuiet++;
      dirty = true;
    }
  }

  // Streams commits on request only if the requesting task has uncommitted work, and then commits every task
  // of the thread: so each task that processed asks, and a request after that commit is a no-op.
  private void check(final long nowMs) {
    final ThreadInput input = INPUT.get();
    if (nowMs - input.lastProcessedMs < quietMs) {
      return;
    }
    // The first check to see this quiet spell decides for every task of the thread.
    if (input.decidedAtMs != input.lastProcessedMs) {
      input.decidedAtMs = input.lastProcessedMs;
      input.commitEarly = input.sinceQuiet <= maxRecords;
      input.sinceQuiet = 0;
    }
    if (dirty && input.commitEarly) {
      dirty = false;
      context.commit();
    }
  }

  /** One stream thread's input, as its tasks' processors saw it. */
  private static final class ThreadInput {
    private long lastProcessedMs;
    private int sinceQuiet;
    private long decidedAtMs = -1;
    private boolean commitEarly;
  }
}

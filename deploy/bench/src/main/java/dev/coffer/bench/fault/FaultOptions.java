package dev.coffer.bench.fault;

import java.time.Duration;

/**
 * The shape of one fault run.
 *
 * @param duration how long the load runs; faults are spread evenly over it
 * @param kills SIGKILLs of a ledger instance (each restarted at once on its state folder)
 * @param pauses SIGSTOP/SIGCONT pairs of a ledger instance
 * @param pauseLength how long an instance stays frozen (longer than the 6 s session timeout, so its
 *     partitions move and it wakes up a zombie that must be fenced)
 * @param eventsPerSecond the offered load
 * @param players how many players the events spread over
 * @param seed makes the event stream reproducible
 */
public record FaultOptions(Duration duration, int kills, int pauses, Duration pauseLength, int eventsPerSecond,
                           int players, long seed) {
  /** The test suite's short run: about a minute, two kills and one pause. */
  public static FaultOptions shortRun() {
    return new FaultOptions(Duration.ofSeconds(36), 2, 1, Duration.ofSeconds(8), 200, 200, 7L);
  }

  /** The documented long run's defaults: five minutes, six kills, three pauses. */
  public static FaultOptions longRun() {
    return new FaultOptions(Duration.ofMinutes(5), 6, 3, Duration.ofSeconds(10), 300, 500, 11L);
  }
}

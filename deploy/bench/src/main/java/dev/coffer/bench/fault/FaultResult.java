package dev.coffer.bench.fault;

import java.util.List;
import java.util.Locale;

/**
 * What a fault run found. It passed when every count of trouble is zero and every list is empty.
 *
 * @param sent events handed to the producer
 * @param acked events the broker acknowledged
 * @param sendFailures sends that failed (never acknowledged: not promised)
 * @param eventsInLog events of the run's tenant in read_committed {@code coffer.ledger-events}
 * @param outcomes committed outcomes of the run's tenant
 * @param appliedTwice eventIds with more than one committed outcome
 * @param lost acknowledged (or logged) eventIds without an outcome
 * @param versionGaps players whose APPLIED versions are not exactly 1, 2, 3, ...
 * @param replayMismatches eventIds whose outcome differs from the independent replay's
 * @param playersCompared players whose final balances and inventory were compared with the replay
 * @param stateMismatches players whose final balances or inventory differ from the replay's
 * @param kills SIGKILLs done
 * @param pauses SIGSTOP/SIGCONT pairs done
 * @param instancePeakRssBytes the peak RSS of each ledger instance over its incarnations
 * @param seconds the run's wall time
 */
public record FaultResult(long sent, long acked, long sendFailures, long eventsInLog, long outcomes,
                          List<String> appliedTwice, List<String> lost, List<String> versionGaps,
                          List<String> replayMismatches, int playersCompared, List<String> stateMismatches,
                          int kills, int pauses, List<Long> instancePeakRssBytes, double seconds) {
  public FaultResult {
    appliedTwice = List.copyOf(appliedTwice);
    lost = List.copyOf(lost);
    versionGaps = List.copyOf(versionGaps);
    replayMismatches = List.copyOf(replayMismatches);
    stateMismatches = List.copyOf(stateMismatches);
    instancePeakRssBytes = List.copyOf(instancePeakRssBytes);
  }

  /** Whether nothing was applied twice, nothing acknowledged was lost, and the replay agrees. */
  public boolean passed() {
    return appliedTwice.isEmpty() && lost.isEmpty() && versionGaps.isEmpty() && replayMismatches.isEmpty()
        && stateMismatches.isEmpty() && outcomes == eventsInLog && acked <= eventsInLog;
  }

  /** A human summary, one fact per line. */
  public String summary() {
    return String.format(Locale.ROOT, """
        fault run %s in %.0f s: %d kills (SIGKILL), %d pauses (SIGSTOP/SIGCONT)
          events sent %d, acknowledged %d, send failures %d, in read_committed log %d
          committed outcomes %d
          applied twice (eventIds with >1 outcome): %d %s
          acknowledged but lost (no outcome):       %d %s
          players with non-consecutive versions:   %d %s
          outcomes differing from the replay:      %d %s
          players compared with the replay (balances + inventory): %d, differing: %d %s
          ledger instances' peak RSS (MiB): %s""",
        passed() ? "PASSED" : "FAILED", seconds, kills, pauses, sent, acked, sendFailures, eventsInLog, outcomes,
        appliedTwice.size(), head(appliedTwice), lost.size(), head(lost), versionGaps.size(), head(versionGaps),
        replayMismatches.size(), head(replayMismatches), playersCompared, stateMismatches.size(),
        head(stateMismatches), instancePeakRssBytes.stream().map(b -> b / (1024 * 1024)).toList());
  }

  private static String head(final List<String> items) {
    return items.isEmpty() ? "" : items.subList(0, Math.min(3, items.size())).toString();
  }
}

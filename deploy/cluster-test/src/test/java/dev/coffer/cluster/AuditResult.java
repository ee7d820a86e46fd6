package dev.coffer.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the audit of a cluster run found; it passed when every list is empty.
 *
 * @param acknowledged requests the gateway answered (200, 202, 409, 422), replays not counted
 * @param outcomes committed outcomes in {@code coffer.ledger-outcomes}
 * @param applied APPLIED outcomes
 * @param duplicates DUPLICATE outcomes
 * @param rejected REJECTED outcomes
 * @param replayed outcomes of the independent replay
 * @param players players with at least one applied event
 * @param appliedTwice eventIds with more than one outcome, dedupe keys applied more than once
 * @param lost acknowledged requests without an outcome, or whose outcome differs from the answer
 * @param versionGaps players whose APPLIED versions are not 1, 2, 3, ... in log order
 * @param replayMismatches events whose outcome differs from the replay's
 * @param balanceMismatches players whose ledger balance differs from the sum of what was acknowledged
 * @param lastVersions each player's last applied version
 * @param balances each player's last balance of {@link LedgerLoad#CURRENCY} in the log
 */
record AuditResult(long acknowledged, long outcomes, long applied, long duplicates, long rejected, long replayed,
                   int players, List<String> appliedTwice, List<String> lost, List<String> versionGaps,
                   List<String> replayMismatches, List<String> balanceMismatches, Map<String, Long> lastVersions,
                   Map<String, Long> balances) {
  AuditResult {
    appliedTwice = List.copyOf(appliedTwice);
    lost = List.copyOf(lost);
    versionGaps = List.copyOf(versionGaps);
    replayMismatches = List.copyOf(replayMismatches);
    balanceMismatches = List.copyOf(balanceMismatches);
    lastVersions = Map.copyOf(lastVersions);
    balances = Map.copyOf(balances);
  }

  boolean passed() {
    return appliedTwice.isEmpty() && lost.isEmpty() && versionGaps.isEmpty() && replayMismatches.isEmpty()
        && balanceMismatches.isEmpty();
  }

  String summary() {
    return String.format(Locale.ROOT, """
        audit %s
          acknowledged requests %d; committed outcomes %d (APPLIED %d, DUPLICATE %d, REJECTED %d); players %d
          applied twice:                          %d %s
          acknowledged but lost or different:     %d %s
          players with non-consecutive versions:  %d %s
          outcomes differing from the replay (%d replayed): %d %s
          balances differing from the acknowledged sums: %d %s""",
        passed() ? "PASSED" : "FAILED", acknowledged, outcomes, applied, duplicates, rejected, players,
        appliedTwice.size(), head(appliedTwice), lost.size(), head(lost), versionGaps.size(), head(versionGaps),
        replayed, replayMismatches.size(), head(replayMismatches), balanceMismatches.size(), head(balanceMismatches));
  }

  private static String head(final List<String> items) {
    return items.isEmpty() ? "" : items.subList(0, Math.min(3, items.size())).toString();
  }
}

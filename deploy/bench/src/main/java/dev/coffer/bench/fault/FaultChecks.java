package dev.coffer.bench.fault;

import dev.coffer.schemas.outcome.LedgerOutcome;
import dev.coffer.schemas.outcome.OutcomeStatus;
import dev.coffer.schemas.state.BalanceChange;
import dev.coffer.schemas.state.InstanceChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fault run's verdict from what the logs hold, no Kafka: exactly one outcome per logged or acknowledged
 * event, consecutive versions per player, and outcomes and final state equal to the independent replay's.
 */
final class FaultChecks {
  private FaultChecks() {
  }

  /**
   * Checks the run.
   *
   * @param load what the load sent and the faults it made
   * @param loggedIds the run's eventIds in the read_committed input logs
   * @param original the ledger's committed outcomes of the run, in log order
   * @param replay the independent replay's outcomes
   * @param peakRssBytes each ledger instance's peak RSS
   * @param seconds the run's wall time
   * @return the result
   */
  static FaultResult check(final FaultedLoad.Sent load, final Set<String> loggedIds,
                           final List<LedgerOutcome> original, final List<LedgerOutcome> replay,
                           final List<Long> peakRssBytes, final double seconds) {
    final Map<String, List<LedgerOutcome>> byEvent = new HashMap<>();
    original.forEach(o -> byEvent.computeIfAbsent(o.getEventId().toString(), k -> new ArrayList<>()).add(o));
    final List<String> twice = byEvent.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .map(Map.Entry::getKey).sorted().toList();
    final Set<String> promised = new TreeSet<>(loggedIds);
    promised.addAll(load.acked());
    final List<String> lost = promised.stream().filter(id -> !byEvent.containsKey(id)).toList();

    // Versions: each player's APPLIED outcomes, in log order, are 1, 2, 3, ...
    final Map<String, Long> lastVersion = new HashMap<>();
    final List<String> gaps = new ArrayList<>();
    for (final LedgerOutcome o : original) {
      if (o.getStatus() != OutcomeStatus.APPLIED) {
        continue;
      }
      final String player = o.getAppId() + "|" + o.getPlayerRef();
      final long expected = lastVersion.getOrDefault(player, 0L) + 1;
      if (o.getVersion() != expected) {
        gaps.add(player + " v" + o.getVersion() + " after v" + (expected - 1));
      }
      lastVersion.put(player, o.getVersion());
    }

    final Map<String, LedgerOutcome> replayed = new HashMap<>();
    replay.forEach(o -> replayed.putIfAbsent(o.getEventId().toString(), o));
    final List<String> mismatches = new ArrayList<>();
    byEvent.forEach((id, outcomes) -> {
      if (!Objects.equals(outcomes.get(0), replayed.get(id))) {
        mismatches.add(id + ": " + outcomes.get(0).getStatus() + " v" + outcomes.get(0).getVersion()
            + " vs replay " + (replayed.get(id) == null ? "none" : replayed.get(id).getStatus() + " v"
                + replayed.get(id).getVersion()));
      }
    });
    if (replay.size() != original.size()) {
      mismatches.add("replay has " + replay.size() + " outcomes, the ledger " + original.size());
    }
    final Map<String, Map<String, String>> state = finalState(original);
    final Map<String, Map<String, String>> replayState = finalState(replay);
    final List<String> stateMismatches = new ArrayList<>();
    final Set<String> players = new TreeSet<>(state.keySet());
    players.addAll(replayState.keySet());
    for (final String player : players) {
      if (!Objects.equals(state.get(player), replayState.get(player))) {
        stateMismatches.add(player);
      }
    }
    return new FaultResult(load.sent(), load.acked().size(), load.failures(), loggedIds.size(), original.size(),
        twice, lost, gaps, mismatches, players.size(), stateMismatches, load.kills(), load.pauses(), peakRssBytes,
        seconds);
  }

  /** Per player: every currency's last balance and every instance's last state, folded from outcomes. */
  static Map<String, Map<String, String>> finalState(final List<LedgerOutcome> outcomes) {
    final Map<String, Map<String, String>> state = new LinkedHashMap<>();
    for (final LedgerOutcome o : outcomes) {
      final Map<String, String> player = state.computeIfAbsent(o.getAppId() + "|" + o.getPlayerRef(),
          k -> new TreeMap<>());
      for (final BalanceChange b : o.getBalances()) {
        player.put("balance:" + b.getCurrency(), Long.toString(b.getBalance()));
      }
      for (final InstanceChange i : o.getInstances()) {
        player.put("instance:" + i.getInstance().getInstanceId(), i.getInstance().toString());
      }
    }
    return state;
  }
}

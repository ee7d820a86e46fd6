/**
 * The ledger: an exactly-once dedupe and fold of {@code coffer.ledger-events}.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li><b>Dedupe</b> ({@code dedupe.DedupeTopology}, keyed by dedupe key): the input is read as raw
 *       bytes and decoded in the processor. Undecodable records and format violations
 *       ({@code format.EventFormat}) go to {@code coffer.ledger-dead-letters} with the raw key and
 *       value and a {@code coffer.dlq.reason} header. A well-formed event is fingerprinted
 *       ({@code dedupe.Fingerprints}) and judged against the {@code dedupe-keys} store: NEW (the key is
 *       stored with eventId, fingerprint, player and record time), DUPLICATE(original eventId), or
 *       REJECTED (RECEIPT_ALREADY_USED, IDEMPOTENCY_KEY_REUSED).
 *   <li>Every judged event is re-keyed by player key {@code appId|playerRef} and written, as a
 *       {@code SequencedEvent} (verdict, original eventId, rejection reason, the event), to the
 *       retained topic {@code coffer.ledger-sequence}: the durable order in which the fold applies
 *       one player's events. (The input is keyed by dedupe key, so one player's events come from
 *       several partitions, in an order timing decides; the sequence topic makes that order part of
 *       the log.)
 *   <li><b>Fold</b> ({@code fold.FoldTopology}, keyed by player key), reading
 *       {@code coffer.ledger-sequence} (committed records only, same exactly-once application): a NEW event becomes a plain
 *       {@code fold.Command}; {@code fold.LedgerRules.decide(PlayerState, Command)} returns a
 *       {@code Decision}. Its outcome is kept in {@code player-log} (key {@code appId|playerRef|eventId});
 *       if applied, the player's version goes up by one and {@code wallets}, {@code inventories} and
 *       {@code players} are updated. A DUPLICATE is answered from {@code player-log} with the
 *       original's status, reason, version and changes. Outcomes, wallet changes, inventory changes and
 *       purchase-log entries leave in the same transaction.
 * </ol>
 * All outcomes thus come from the fold, in per-player order, with the player's version.
 *
 * <h2>Replay (invariant 4)</h2>
 * The fold's state is a pure function of {@code coffer.ledger-sequence}: {@code LedgerTopology.buildReplay}
 * runs the fold alone over it from the start, under another application id, with scratch outputs, and
 * yields byte-identical {@code wallets}, {@code inventories}, {@code players} and {@code player-log}.
 * The {@code dedupe-keys} store is a pure function of {@code coffer.ledger-events} (all records of one
 * dedupe key are in one partition, in order), so replaying the events topic through the full topology
 * rebuilds it byte for byte; it does not rebuild the fold's order across partitions.
 */
package dev.coffer.ledger;

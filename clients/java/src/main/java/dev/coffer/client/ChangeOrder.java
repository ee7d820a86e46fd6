package dev.coffer.client;

import dev.coffer.client.model.EventType;
import dev.coffer.client.model.LedgerEntry;
import dev.coffer.client.model.LedgerPage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps a subscription's changes gap-free and in order. Versions of a player's applied changes follow each
 * other (1, 2, 3, ...), so a change whose version is not the next one reveals a gap: changes made while the
 * connection was down, or that reached the live feed before the subscription did. The gap is read back from
 * the ledger (waiting for the view to reach it) before the change is delivered; a version already delivered
 * is dropped. The server's stream itself starts "from now" and does not resume from {@code Last-Event-ID},
 * so this is what makes a reconnection lossless.
 */
final class ChangeOrder {
  private final Reads reads;
  private final String playerId;
  private final StreamListener listener;
  private volatile long lastVersion;

  /**
   * @param lastVersion the last version already delivered (or to start after), -1 for none yet
   */
  ChangeOrder(final Reads reads, final String playerId, final StreamListener listener, final long lastVersion) {
    this.reads = reads;
    this.playerId = playerId;
    this.listener = listener;
    this.lastVersion = lastVersion;
  }

  long lastVersion() {
    return lastVersion;
  }

  /**
   * After (re)subscribing: delivers what the ledger holds after the last delivered version, or, starting
   * "from now", takes the view's current version as the start.
   */
  void catchUp() {
    try {
      if (lastVersion < 0) {
        lastVersion = reads.ledger(playerId, null, 1, ReadOptions.latest()).version();
      } else {
        deliverAll(after(lastVersion, null, ReadOptions.latest()));
      }
    } catch (final ProblemException e) {
      if (!erased(e)) {
        throw e;
      }
      // An erased player's history is gone: nothing to catch up, live changes still come.
    }
  }

  /** One change from the stream: gaps before it filled from the ledger, repeats dropped. */
  void offer(final LedgerEntry change) {
    if (lastVersion >= 0 && change.version() <= lastVersion) {
      return;
    }
    if (lastVersion >= 0 && change.version() > lastVersion + 1) {
      try {
        deliverAll(after(lastVersion, Long.toString(change.version()),
            ReadOptions.atLeast(change.version() - 1)));
      } catch (final ProblemException e) {
        if (!erased(e)) {
          throw e;
        }
      }
    }
    deliver(change);
  }

  /** The ledger's entries after {@code version} and below {@code cursor} (null: the newest), oldest first. */
  private List<LedgerEntry> after(final long version, final String cursor, final ReadOptions freshness) {
    final List<LedgerEntry> newestFirst = new ArrayList<>();
    String next = cursor;
    ReadOptions options = freshness;
    while (true) {
      final LedgerPage page = reads.ledger(playerId, next, Reads.MAX_PAGE, options);
      options = ReadOptions.latest();
      for (final LedgerEntry e : page.entries()) {
        if (e.version() <= version) {
          Collections.reverse(newestFirst);
          return newestFirst;
        }
        newestFirst.add(e);
      }
      if (page.nextCursor() == null) {
        Collections.reverse(newestFirst);
        return newestFirst;
      }
      next = page.nextCursor();
    }
  }

  private void deliverAll(final List<LedgerEntry> entries) {
    entries.forEach(this::deliver);
  }

  private void deliver(final LedgerEntry change) {
    if (lastVersion >= 0 && change.version() <= lastVersion) {
      return;
    }
    try {
      if (change.eventType() == EventType.PLAYER_ERASED) {
        listener.onPlayerDeleted(change);
      } else {
        listener.onChange(change);
      }
    } catch (final RuntimeException e) {
      throw new ListenerFailed(e);
    }
    lastVersion = change.version();
  }

  /** What a listener threw: it ends the subscription (never taken for a connection failure). */
  static final class ListenerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailed(final RuntimeException cause) {
      super(cause);
    }
  }

  private static boolean erased(final ProblemException e) {
    return e.status() == 404 && "PLAYER_ERASED".equals(e.code());
  }
}

package dev.coffer.client;

import dev.coffer.client.model.Inventory;
import dev.coffer.client.model.LedgerEntry;
import dev.coffer.client.model.LedgerPage;
import dev.coffer.client.model.Outcome;
import dev.coffer.client.model.PlayerExport;
import dev.coffer.client.model.Purchases;
import dev.coffer.client.model.Wallet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Projections' reads, under {@code /v1/apps/{appId}}. A player Coffer has never seen reads as empty at
 * version 0; an erased one throws {@link ProblemException} {@code PLAYER_ERASED} (404). Pass
 * {@link ReadOptions#atLeast(long)} to read your own writes.
 */
public final class Reads {
  /** The most entries one ledger page holds. */
  public static final int MAX_PAGE = 500;
  private final String app;
  private final Transport transport;

  Reads(final String appId, final Transport transport) {
    this.app = "/v1/apps/" + Transport.segment(appId);
    this.transport = transport;
  }

  /** The player's balances and debts, as the view holds them now. */
  public Wallet wallet(final String playerId) {
    return wallet(playerId, ReadOptions.latest());
  }

  /** The player's balances and debts, at least as fresh as {@code options} ask. */
  public Wallet wallet(final String playerId, final ReadOptions options) {
    return transport.json(get(player(playerId) + "/wallet", options, ""), Wallet.class);
  }

  /** The player's item instances, as the view holds them now. */
  public Inventory inventory(final String playerId) {
    return inventory(playerId, ReadOptions.latest());
  }

  /** The player's item instances, at least as fresh as {@code options} ask. */
  public Inventory inventory(final String playerId, final ReadOptions options) {
    return transport.json(get(player(playerId) + "/inventory", options, ""), Inventory.class);
  }

  /** The player's purchases (with refund status) and subscriptions (with their status now). */
  public Purchases purchases(final String playerId) {
    return purchases(playerId, ReadOptions.latest());
  }

  /** The player's purchases and subscriptions, at least as fresh as {@code options} ask. */
  public Purchases purchases(final String playerId, final ReadOptions options) {
    return transport.json(get(player(playerId) + "/purchases", options, ""), Purchases.class);
  }

  /**
   * One page of the player's history, newest first.
   *
   * @param playerId the player
   * @param cursor the previous page's {@code nextCursor}, or {@code null} for the newest page
   * @param limit entries per page, 1 to {@value #MAX_PAGE}
   * @param options freshness
   * @return the page
   */
  public LedgerPage ledger(final String playerId, final String cursor, final int limit, final ReadOptions options) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
    }
    final String query = "limit=" + limit + (cursor == null ? "" : "&cursor=" + Transport.segment(cursor));
    return transport.json(get(player(playerId) + "/ledger", options, query), LedgerPage.class);
  }

  /**
   * The player's last {@code count} changes, oldest first (as {@code tail} prints a file).
   *
   * @param playerId the player
   * @param count how many, at least 1
   * @param options freshness
   * @return up to {@code count} entries, oldest first
   */
  public List<LedgerEntry> ledgerTail(final String playerId, final int count, final ReadOptions options) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, was " + count);
    }
    final List<LedgerEntry> newestFirst = new ArrayList<>();
    String cursor = null;
    ReadOptions freshness = options;
    do {
      final LedgerPage page = ledger(playerId, cursor, Math.min(MAX_PAGE, count - newestFirst.size()), freshness);
      newestFirst.addAll(page.entries());
      cursor = page.nextCursor();
      // Older pages are older than the first: no need to wait for a version again.
      freshness = ReadOptions.latest();
    } while (cursor != null && newestFirst.size() < count);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * The player's whole history, newest first, read page by page as the stream is consumed.
   *
   * @param playerId the player
   * @param options freshness of the first page
   * @return a lazy stream of entries
   */
  public Stream<LedgerEntry> ledgerHistory(final String playerId, final ReadOptions options) {
    final Iterator<LedgerEntry> entries = new Iterator<>() {
      private Iterator<LedgerEntry> page = Collections.emptyIterator();
      private String cursor;
      private boolean last;
      private ReadOptions freshness = options;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && !last) {
          final LedgerPage next = ledger(playerId, cursor, MAX_PAGE, freshness);
          freshness = ReadOptions.latest();
          page = next.entries().iterator();
          cursor = next.nextCursor();
          last = cursor == null;
        }
        return page.hasNext();
      }

      @Override
      public LedgerEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false);
  }

  /**
   * Everything held on the player (GDPR access). Throws {@link ProblemException} 404 {@code PLAYER_NOT_FOUND}
   * for a player Coffer never saw and {@code PLAYER_ERASED} after erasure.
   */
  public PlayerExport export(final String playerId) {
    return export(playerId, ReadOptions.latest());
  }

  /** Everything held on the player, at least as fresh as {@code options} ask. */
  public PlayerExport export(final String playerId, final ReadOptions options) {
    return transport.json(get(player(playerId) + "/export", options, ""), PlayerExport.class);
  }

  /**
   * The outcome of an event ({@code GET /events/{eventId}}), the same JSON its write was answered with;
   * empty while it is not decided yet, and for an unknown event (or another app's, or an erased player's).
   */
  public Optional<Outcome> event(final String eventId) {
    return transport.find(Transport.Call.get(Transport.Service.PROJECTIONS, app + "/events/"
        + Transport.segment(eventId)), body -> transport.json.read(body, Outcome.class), "EVENT_NOT_FOUND");
  }

  /**
   * Subscribes to the player's changes as they are applied (server-sent events), on a thread of its own
   * that reconnects when the connection drops and fills any gap from the ledger, so that
   * {@link StreamListener#onChange} sees every change once, in version order.
   *
   * @param playerId the player
   * @param options where to start and how to reconnect
   * @param listener what to call
   * @return the running subscription; close it to stop
   */
  public EventSubscription subscribe(final String playerId, final StreamOptions options,
                                     final StreamListener listener) {
    return EventSubscription.start(transport, this, app, Objects.requireNonNull(playerId, "playerId"),
        Objects.requireNonNull(options, "options"), Objects.requireNonNull(listener, "listener"));
  }

  private Transport.Call get(final String path, final ReadOptions options, final String query) {
    final StringBuilder q = new StringBuilder(query);
    if (options.minVersion() > 0) {
      q.append(q.length() == 0 ? "" : "&").append("minVersion=").append(options.minVersion());
    }
    return Transport.Call.get(Transport.Service.PROJECTIONS, q.length() == 0 ? path : path + "?" + q);
  }

  private String player(final String playerId) {
    return app + "/players/" + Transport.segment(playerId);
  }
}

package dev.coffer.projections.players;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Objects;
import java.util.function.Function;

/**
 * The views of the players written here lately, decoded, by player key: a read of a player that was just
 * written (a game reads the wallet it changed, with {@code ?minVersion}) skips the store's lookup and the
 * JSON decode of its value, and a wallet read also the encoding of its balances, made once per value kept
 * ({@link #rendered}). Bounded by size: Caffeine's eviction (W-TinyLFU) keeps the players read and written most,
 * and may decline to keep a rarely used one at all, which only means its reads go to the store.
 *
 * <p>Only the views processor fills it, with exactly what it put into the store, in the same step and
 * before the version watch is told; readers never insert, so a reader holding an older value can never put
 * it back over a newer one. A task's entries are dropped when its processor opens or closes: a store
 * restored or wiped under it (a rebalance, an aborted transaction under exactly-once) never leaves an
 * entry the store no longer holds. A miss reads the store, as every read did before.
 */
public final class RecentViews {
  /** Keeps nothing: every read goes to the store. */
  public static final RecentViews NONE = new RecentViews(0);

  /** What the processor of {@code partition} wrote for a player, and what a reader made of it. */
  private static final class Entry {
    private final int partition;
    private final PlayerViews views;
    // Made from the immutable views by a pure function: two readers racing make the same text.
    private volatile String rendered;

    Entry(final int partition, final PlayerViews views) {
      this.partition = partition;
      this.views = views;
    }
  }

  private final Cache<String, Entry> entries;

  /**
   * @param capacity the most players kept; 0 keeps none
   */
  public RecentViews(final int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
    }
    // Eviction runs on the writing (stream) thread: no executor task per write, nothing behind reads.
    this.entries = capacity == 0 ? null
        : Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).recordStats().build();
  }

  /**
   * Publishes the cache's size, hits, misses and evictions as {@code cache.*} meters tagged
   * {@code cache=projections-recent-views}: a miss rate that stays high says {@code read.recent-views} is too
   * small for the players being read.
   */
  public void bindMetrics(final MeterRegistry registry) {
    if (entries != null) {
      CaffeineCacheMetrics.monitor(registry, entries, "projections-recent-views");
    }
  }

  /** The processor of {@code partition} wrote {@code views} for {@code playerKey}. */
  void written(final int partition, final String playerKey, final PlayerViews views) {
    if (entries != null) {
      entries.put(playerKey, new Entry(partition, Objects.requireNonNull(views, "views")));
    }
  }

  /** The task of {@code partition} opened or closed here: what it wrote before may no longer be its store's. */
  void forget(final int partition) {
    if (entries != null) {
      entries.asMap().values().removeIf(e -> e.partition == partition);
    }
  }

  /**
   * The views the processor of {@code partition} last wrote for {@code playerKey}, if still kept.
   *
   * @return the views, or {@code null}: read the store
   */
  public PlayerViews get(final int partition, final String playerKey) {
    if (entries == null) {
      return null;
    }
    final Entry entry = entries.getIfPresent(playerKey);
    return entry != null && entry.partition == partition ? entry.views : null;
  }

  /**
   * {@code render} of {@code views}, made once while they are what is kept for the player: a read that found
   * them here ({@link #get}) asks for the same object again. Views not kept (read from the store, or replaced
   * meanwhile) are rendered afresh and not kept. Every caller passes the same rendering (the wallet read's).
   *
   * @param partition the partition the views were read for
   * @param playerKey the player
   * @param views what {@link #get} (or the store) answered
   * @param render a pure function of the views
   * @return the rendering
   */
  public String rendered(final int partition, final String playerKey, final PlayerViews views,
                         final Function<PlayerViews, String> render) {
    // Quietly: the read already looked the player up (get), and the meters count reads, not lookups.
    final Entry entry = entries == null ? null : entries.policy().getIfPresentQuietly(playerKey);
    if (entry == null || entry.partition != partition || entry.views != views) {
      return render.apply(views);
    }
    String text = entry.rendered;
    if (text == null) {
      text = render.apply(views);
      entry.rendered = text;
    }
    return text;
  }

  /** How many players are kept now (approximately, as eviction is amortised). */
  public long size() {
    return entries == null ? 0 : entries.estimatedSize();
  }
}

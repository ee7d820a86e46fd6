package dev.coffer.ledger.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process, after the Kafka Streams
 * documentation's "bounded memory usage" example: one LRU block cache and one write buffer manager
 * shared by all stores (of every task, thread and Streams instance in the JVM), index and filter
 * blocks held in that cache instead of outside any limit, and memtables charged against it.
 *
 * <p>Sized from {@link #BLOCK_CACHE_BYTES_CONFIG} and {@link #WRITE_BUFFER_BYTES_CONFIG}, which
 * {@link LedgerConfig#streamsProperties()} sets. Streams instantiates this class per store, so the
 * shared objects are static, one pair per distinct budget; they live as long as the process, and
 * {@link #close} must not close them (other stores still use them). This setter creates nothing
 * per store, so {@link #close} has nothing of its own to free.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
  /** Total bytes of the shared block cache (data, index and filter blocks, and memtables). */
  public static final String BLOCK_CACHE_BYTES_CONFIG = "coffer.rocksdb.block.cache.bytes";
  /** The memtables' share of the block cache, in bytes. */
  public static final String WRITE_BUFFER_BYTES_CONFIG = "coffer.rocksdb.write.buffer.bytes";

  /** The share of the cache kept for index and filter blocks (high priority). */
  private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
  /**
   * Memtable size per store: a sixteenth of the write buffer budget, between 1 and 16 MiB. Every
   * open store holds at least one arena block (an eighth of a memtable) whatever it writes; if the
   * stores' idle blocks alone fill the budget, the write buffer manager asks for a flush on every
   * write and RocksDB stalls on tiny L0 files (seen here: 130 events/s with 4 MiB memtables under
   * an 8 MiB budget and 20 stores). Small memtables keep that floor far below the budget.
   */
  private static final long MIN_MEMTABLE_BYTES = 1L << 20;
  private static final long MAX_MEMTABLE_BYTES = 16L << 20;
  private static final int MEMTABLES_PER_STORE = 2;
  private static final long BLOCK_SIZE_BYTES = 16L << 10;

  private static final ConcurrentMap<Budget, Shared> SHARED = new ConcurrentHashMap<>();

  /** A memory budget: the cache and its memtable share. */
  record Budget(long blockCacheBytes, long writeBufferBytes) {
  }

  /** The objects every store with one budget shares. Never closed: they outlive any one store. */
  private record Shared(Cache cache, WriteBufferManager writeBufferManager) {
    static Shared create(final Budget budget) {
      // Shard bits -1: RocksDB picks; no strict limit (an insert over capacity must not fail a write).
      final Cache cache = new LRUCache(budget.blockCacheBytes(), -1, false, INDEX_FILTER_BLOCK_RATIO);
      return new Shared(cache, new WriteBufferManager(budget.writeBufferBytes(), cache));
    }
  }

  @Override
  public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
    final Budget budget = budget(configs);
    final Shared shared = SHARED.computeIfAbsent(budget, Shared::create);
    final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    // These three together bound the store's memory by the shared cache.
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    options.setWriteBufferManager(shared.writeBufferManager());
    // Recommended with the above: index and filters evicted last, top-level index pinned.
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_SIZE_BYTES);
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    options.setWriteBufferSize(memtableBytes(budget));
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(final String storeName, final Options options) {
    // The cache and write buffer manager are shared by every store: closing them here would free
    // memory other open stores still use. Nothing else was created for this store.
  }

  static long memtableBytes(final Budget budget) {
    return Math.max(MIN_MEMTABLE_BYTES, Math.min(MAX_MEMTABLE_BYTES, budget.writeBufferBytes() / 16));
  }

  static Budget budget(final Map<String, Object> configs) {
    return new Budget(positive(configs, BLOCK_CACHE_BYTES_CONFIG), positive(configs, WRITE_BUFFER_BYTES_CONFIG));
  }

  private static long positive(final Map<String, Object> configs, final String key) {
    final Object value = configs.get(key);
    if (value == null) {
      throw new ConfigException(key, null, "required by " + BoundedRocksDbConfig.class.getName());
    }
    try {
      final long n = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
      if (n <= 0) {
        throw new ConfigException(key, value, "must be positive");
      }
      return n;
    } catch (final NumberFormatException e) {
      throw new ConfigException(key, value, "not a number of bytes");
    }
  }

  /** How many distinct budgets (cache and write buffer manager pairs) this process holds. */
  static int sharedBudgets() {
    return SHARED.size();
  }
}

package dev.coffer.ledger.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbConfigTest {
  static {
    RocksDB.loadLibrary();
  }

  private static final Map<String, Object> BUDGET = Map.of(
      BoundedRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, "33554432",
      BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG, 8L << 20);

  @Test
  void everyStoreSharesOneCacheAndClosingAStoreLeavesItOpen() {
    final BoundedRocksDbConfig setter = new BoundedRocksDbConfig();
    try (Options first = withTable(); Options second = withTable()) {
      setter.setConfig("wallets", first, BUDGET);
      new BoundedRocksDbConfig().setConfig("inventories", second, BUDGET);

      final BlockBasedTableConfig a = (BlockBasedTableConfig) first.tableFormatConfig();
      final BlockBasedTableConfig b = (BlockBasedTableConfig) second.tableFormatConfig();
      assertThat(a.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(a.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(a.pinTopLevelIndexAndFilter()).isTrue();
      // 8 MiB of write buffers: 1 MiB memtables (the floor), so idle stores never fill the budget.
      assertThat(first.writeBufferSize()).isEqualTo(1L << 20);
      assertThat(first.maxWriteBufferNumber()).isEqualTo(2);
      assertThat(BoundedRocksDbConfig.sharedBudgets()).isGreaterThanOrEqualTo(1);
      final int budgets = BoundedRocksDbConfig.sharedBudgets();

      setter.close("wallets", first);
      // Another store opening after one closed gets the same (still open) shared objects.
      try (Options third = withTable()) {
        setter.setConfig("players", third, BUDGET);
        assertThat(BoundedRocksDbConfig.sharedBudgets()).isEqualTo(budgets);
      }
      assertThat(b.cacheIndexAndFilterBlocks()).isTrue();
    }
  }

  @Test
  void aMissingBudgetIsAConfigError() {
    try (Options options = withTable()) {
      assertThatThrownBy(() -> new BoundedRocksDbConfig().setConfig("wallets", options, Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(BoundedRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG);
    }
  }

  private static Options withTable() {
    final Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }
}

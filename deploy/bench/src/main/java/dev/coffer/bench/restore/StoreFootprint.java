package dev.coffer.bench.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * What one store takes in an instance's state folder, summed over its tasks
 * ({@code <state.dir>/<application.id>/<task>/rocksdb/<store>}): the SST files' bytes and the whole folder's,
 * and, read back through RocksDB (opened read-only, after the instance stopped), how many keys it holds and
 * their key and value bytes. Measured after a clean close, which flushes every memtable to SST files; the
 * compactions are the ones RocksDB ran by itself.
 *
 * @param store the store's name
 * @param tasks the task folders holding it
 * @param sstFiles SST files
 * @param sstBytes their bytes
 * @param folderBytes every file of the store's folders (SST, manifest, options, RocksDB's own log)
 * @param keys keys in the store
 * @param tenantKeys keys starting with the tenant's prefix
 * @param keyValueBytes the keys' and values' bytes as stored (the logical size)
 */
record StoreFootprint(String store, int tasks, int sstFiles, long sstBytes, long folderBytes, long keys,
                      long tenantKeys, long keyValueBytes) {
  /** The column family where Kafka Streams keeps a store's changelog offsets, not data. */
  static final String OFFSETS = "offsets";

  /** SST bytes per key. */
  double sstBytesPerKey() {
    return keys == 0 ? 0 : (double) sstBytes / keys;
  }

  /**
   * Measures {@code store} under {@code stateDir}. The instance owning the folder must be stopped.
   *
   * @param stateDir the instance's {@code state.dir}
   * @param applicationId its application id
   * @param store the store
   * @param tenant keys of this tenant start with {@code tenant|}
   */
  static StoreFootprint measure(final Path stateDir, final String applicationId, final String store,
                                final String tenant) {
    RocksDB.loadLibrary();
    final Path app = stateDir.resolve(applicationId);
    final List<Path> folders;
    try (Stream<Path> tasks = Files.list(app)) {
      folders = tasks.map(t -> t.resolve("rocksdb").resolve(store)).filter(Files::isDirectory).sorted().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot list " + app, e);
    }
    final byte[] prefix = (tenant + "|").getBytes(StandardCharsets.UTF_8);
    int sstFiles = 0;
    long sstBytes = 0;
    long folderBytes = 0;
    long keys = 0;
    long tenantKeys = 0;
    long keyValueBytes = 0;
    for (final Path folder : folders) {
      try (Stream<Path> files = Files.list(folder)) {
        for (final Path f : files.toList()) {
          final long size = Files.size(f);
          folderBytes += size;
          if (f.getFileName().toString().endsWith(".sst")) {
            sstFiles++;
            sstBytes += size;
          }
        }
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
      final long[] counted = count(folder, prefix);
      keys += counted[0];
      tenantKeys += counted[1];
      keyValueBytes += counted[2];
    }
    return new StoreFootprint(store, folders.size(), sstFiles, sstBytes, folderBytes, keys, tenantKeys,
        keyValueBytes);
  }

  /**
   * Keys, keys with {@code prefix}, and key plus value bytes, over every column family but Streams' own
   * {@value #OFFSETS} (KIP-1035: the changelog offsets the store has applied, a handful of keys).
   */
  private static long[] count(final Path folder, final byte[] prefix) {
    final long[] counted = new long[3];
    final List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (Options options = new Options(); DBOptions dbOptions = new DBOptions()) {
      final List<ColumnFamilyDescriptor> families = RocksDB.listColumnFamilies(options, folder.toString()).stream()
          .map(ColumnFamilyDescriptor::new).toList();
      try (RocksDB db = RocksDB.openReadOnly(dbOptions, folder.toString(), families, handles)) {
        for (final ColumnFamilyHandle family : handles) {
          if (OFFSETS.equals(new String(family.getName(), StandardCharsets.UTF_8))) {
            continue;
          }
          try (RocksIterator it = db.newIterator(family)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              final byte[] key = it.key();
              counted[0]++;
              counted[1] += key.length >= prefix.length
                  && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length) ? 1 : 0;
              counted[2] += key.length + it.value().length;
            }
            it.status();
          }
        }
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    } catch (final RocksDBException e) {
      throw new IllegalStateException("cannot read the RocksDB store in " + folder, e);
    }
    return counted;
  }
}

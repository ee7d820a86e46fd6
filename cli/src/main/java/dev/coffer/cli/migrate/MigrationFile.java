package dev.coffer.cli.migrate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.coffer.cli.UsageException;
import dev.coffer.client.model.IdempotencyKeys;
import dev.coffer.client.model.MigrationRow;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A migration CSV, read row by row: a header naming at least the kind's columns ({@code playerId,currency,amount}
 * for wallets, {@code playerId,itemId,quantity} for inventory), optionally {@code idempotencyKey}; other columns
 * (such as those of a failures file) are ignored.
 *
 * <p>A row's idempotency key is its {@code idempotencyKey} column when filled, else derived from the row's
 * content and how many identical rows came before it in the file ({@code mig-<kind>-<40 hex of SHA-256>}), so
 * two identical rows are two grants, and a re-run of the same file (or of a file with other rows added or
 * removed) sends each row under the same key: the gateway answers rows already recorded DUPLICATE and
 * applies nothing twice. Keeping the counts costs about a hundred bytes per distinct row.
 */
final class MigrationFile implements AutoCloseable {
  /** The kinds the command migrates, with their columns. */
  enum Kind {
    wallets("currency", "amount"),
    inventory("itemId", "quantity");

    final String what;
    final String amount;

    Kind(final String what, final String amount) {
      this.what = what;
      this.amount = amount;
    }

    List<String> columns() {
      return List.of("playerId", what, amount);
    }
  }

  /**
   * One data row of the file.
   *
   * @param number its number among the data rows (1 for the first after the header)
   * @param columns its columns by name, as read
   * @param row what it migrates, or {@code null} when it cannot be sent
   * @param problem why it cannot be sent, or {@code null}
   */
  record Row(long number, Map<String, String> columns, MigrationRow row, String problem) {
    /** The key the row is sent under (or would be). */
    String key() {
      return row == null ? columns.getOrDefault("idempotencyKey", "") : row.idempotencyKey();
    }
  }

  private static final CsvMapper CSV = new CsvMapper();
  private final Kind kind;
  private final Reader reader;
  private final Iterator<Map<String, String>> rows;
  private final List<String> header;
  private final Map<String, Integer> seen = new HashMap<>();
  private long number;

  private MigrationFile(final Kind kind, final Reader reader, final MappingIterator<Map<String, String>> rows) {
    this.kind = kind;
    this.reader = reader;
    this.rows = rows;
    final CsvSchema schema = (CsvSchema) rows.getParser().getSchema();
    this.header = schema.getColumnNames();
    if (header.isEmpty()) {
      throw new UsageException("the file is empty: it needs a header " + String.join(",", kind.columns()));
    }
    final List<String> missing = kind.columns().stream().filter(c -> !header.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new UsageException("the header must name " + String.join(",", kind.columns())
          + " (optionally idempotencyKey); " + String.join(", ", missing) + " missing from " + header);
    }
  }

  /** Opens {@code file} for {@code kind}. */
  static MigrationFile open(final Path file, final Kind kind) {
    try {
      if (Files.size(file) == 0) {
        throw new UsageException(file + " is empty: it needs a header " + String.join(",", kind.columns()));
      }
      final Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      final MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
          .with(CsvSchema.emptySchema().withHeader()).readValues(reader);
      it.hasNext();
      return new MigrationFile(kind, reader, it);
    } catch (final IOException | UncheckedIOException e) {
      throw new UsageException("cannot read " + file + " as CSV: " + e.getMessage());
    }
  }

  /** Counts the data rows of {@code file} (for the progress bar). */
  static long count(final Path file, final Kind kind) {
    try (MigrationFile f = open(file, kind)) {
      long n = 0;
      while (f.next() != null) {
        n++;
      }
      return n;
    }
  }

  /** The header's columns, in order. */
  List<String> header() {
    return header;
  }

  /** The next row, or {@code null} at the end. */
  Row next() {
    final Map<String, String> columns;
    try {
      if (!rows.hasNext()) {
        return null;
      }
      columns = rows.next();
    } catch (final RuntimeException e) {
      throw new UsageException("row " + (number + 1) + " is not valid CSV: " + e.getMessage());
    }
    number++;
    return row(columns);
  }

  private Row row(final Map<String, String> columns) {
    final String player = text(columns, "playerId");
    final String what = text(columns, kind.what);
    final String amountText = text(columns, kind.amount);
    final String given = text(columns, "idempotencyKey");
    if (player.isEmpty() || what.isEmpty()) {
      return new Row(number, columns, null, "playerId and " + kind.what + " must not be empty");
    }
    final long amount;
    try {
      amount = Long.parseLong(amountText);
    } catch (final NumberFormatException e) {
      return new Row(number, columns, null, kind.amount + " is not a whole number: " + amountText);
    }
    if (amount < 1) {
      return new Row(number, columns, null, kind.amount + " must be positive, was " + amount);
    }
    final String key;
    try {
      key = given.isEmpty() ? derivedKey(player, what, amount) : IdempotencyKeys.check(given);
    } catch (final IllegalArgumentException e) {
      return new Row(number, columns, null, e.getMessage());
    }
    final MigrationRow row = kind == Kind.wallets ? new MigrationRow.WalletRow(player, what, amount, key)
        : new MigrationRow.InventoryRow(player, what, amount, key);
    return new Row(number, columns, row, null);
  }

  private String derivedKey(final String player, final String what, final long amount) {
    final String content = kind + "\u0000" + player + "\u0000" + what + "\u0000" + amount;
    final String digest = sha256(content).substring(0, 32);
    final int occurrence = seen.merge(digest, 1, Integer::sum);
    return "mig-" + kind + "-" + sha256(content + "\u0000" + occurrence).substring(0, 40);
  }

  private static String text(final Map<String, String> columns, final String name) {
    final String v = columns.get(name);
    return v == null ? "" : v.strip();
  }

  private static String sha256(final String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot close the migration file", e);
    }
  }
}

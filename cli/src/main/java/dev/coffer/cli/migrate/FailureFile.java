package dev.coffer.cli.migrate;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.coffer.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a migration did not record, as CSV: {@code row,status,code,detail,idempotencyKey} then the input's
 * own columns. The migration reads it back as input (the extra columns are ignored, {@code idempotencyKey}
 * keeps each row's key), so fixing it and running it again sends exactly the rows that failed. Created on the
 * first failure only.
 */
final class FailureFile implements AutoCloseable {
  static final List<String> OWN = List.of("row", "status", "code", "detail", "idempotencyKey");
  private final Path path;
  private final List<String> columns;
  private Writer writer;
  private SequenceWriter rows;
  private long written;

  FailureFile(final Path path, final List<String> inputColumns) {
    this.path = path;
    this.columns = new ArrayList<>(OWN);
    inputColumns.stream().filter(c -> !OWN.contains(c)).forEach(columns::add);
  }

  /** Writes one failed row. */
  void add(final MigrationFile.Row row, final String status, final String code, final String detail) {
    final Map<String, String> out = new LinkedHashMap<>();
    out.put("row", Long.toString(row.number()));
    out.put("status", status);
    out.put("code", code == null ? "" : code);
    out.put("detail", detail == null ? "" : detail);
    out.put("idempotencyKey", row.key());
    row.columns().forEach((k, v) -> {
      if (!OWN.contains(k)) {
        out.put(k, v);
      }
    });
    try {
      if (rows == null) {
        writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        final CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        rows = new CsvMapper().writer(schema.build()).writeValues(writer);
      }
      rows.write(out);
      written++;
    } catch (final IOException e) {
      throw new UsageException("cannot write the failures file " + path + ": " + e.getMessage());
    }
  }

  /** How many rows were written. */
  long written() {
    return written;
  }

  /** The file. */
  Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      if (rows != null) {
        rows.close();
        writer.close();
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot close the failures file " + path, e);
    }
  }
}

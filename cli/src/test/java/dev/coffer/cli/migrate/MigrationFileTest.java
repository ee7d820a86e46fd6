package dev.coffer.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.cli.UsageException;
import dev.coffer.client.model.MigrationRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a migration CSV becomes rows and keys, and how its failures file reads back. */
class MigrationFileTest {
  @Test
  void keysAreStableAcrossRunsAndEditsAndIdenticalRowsGetTheirOwn(@TempDir final Path dir) throws IOException {
    final Path first = Files.writeString(dir.resolve("a.csv"), "playerId,currency,amount\nann,gems,10\nbob,gems,5\n"
        + "ann,gems,10\n");
    final Path edited = Files.writeString(dir.resolve("b.csv"), "currency,playerId,amount,extra\ngems,zed,1,x\n"
        + "gems,ann,10,y\ngems,bob,5,z\ngems,ann,10,w\n");

    final List<String> keys = keys(first);
    assertThat(keys).hasSize(3).doesNotHaveDuplicates().allMatch(k -> k.matches("mig-wallets-[0-9a-f]{40}"));
    assertThat(keys(first)).as("the same file, the same keys").isEqualTo(keys);
    assertThat(keys(edited).subList(1, 4)).as("rows added elsewhere, columns reordered").isEqualTo(keys);
  }

  @Test
  void badRowsAreReportedWithoutStoppingAndAGivenKeyIsKept(@TempDir final Path dir) throws IOException {
    final Path file = Files.writeString(dir.resolve("i.csv"), "playerId,itemId,quantity,idempotencyKey\n"
        + "ann,potion,2,old-17\n,potion,1,\nann,potion,two,\nann,potion,0,\nann,potion,1,bad key!\n");
    final List<MigrationFile.Row> rows = new ArrayList<>();
    try (MigrationFile input = MigrationFile.open(file, MigrationFile.Kind.inventory)) {
      for (MigrationFile.Row r = input.next(); r != null; r = input.next()) {
        rows.add(r);
      }
    }
    assertThat(rows.get(0).row()).isEqualTo(new MigrationRow.InventoryRow("ann", "potion", 2, "old-17"));
    assertThat(rows.subList(1, 5)).allMatch(r -> r.row() == null).extracting(MigrationFile.Row::problem)
        .satisfiesExactly(p -> assertThat(p).contains("must not be empty"),
            p -> assertThat(p).contains("not a whole number"), p -> assertThat(p).contains("must be positive"),
            p -> assertThat(p).contains("idempotency key"));
    assertThat(rows).extracting(MigrationFile.Row::number).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aFileWithoutTheKindsColumnsIsAUsageError(@TempDir final Path dir) throws IOException {
    final Path wrong = Files.writeString(dir.resolve("w.csv"), "player,currency,amount\nann,gems,1\n");
    assertThatThrownBy(() -> MigrationFile.open(wrong, MigrationFile.Kind.wallets))
        .isInstanceOf(UsageException.class).hasMessageContaining("playerId missing");
    final Path empty = Files.writeString(dir.resolve("e.csv"), "");
    assertThatThrownBy(() -> MigrationFile.open(empty, MigrationFile.Kind.wallets))
        .isInstanceOf(UsageException.class).hasMessageContaining("empty");
  }

  @Test
  void theFailuresFileReadsBackAsInputWithItsKeys(@TempDir final Path dir) throws IOException {
    final Path input = Files.writeString(dir.resolve("a.csv"), "playerId,currency,amount,note\nann,gems,10,\"a, b\"\n");
    final Path failures = dir.resolve("f.csv");
    final MigrationFile.Row row;
    try (MigrationFile in = MigrationFile.open(input, MigrationFile.Kind.wallets);
        FailureFile out = new FailureFile(failures, in.header())) {
      row = in.next();
      out.add(row, "FAILED", "KAFKA_UNAVAILABLE", "try again");
    }
    assertThat(Files.readAllLines(failures).get(0)).isEqualTo("row,status,code,detail,idempotencyKey,playerId,currency,"
        + "amount,note");
    try (MigrationFile again = MigrationFile.open(failures, MigrationFile.Kind.wallets)) {
      final MigrationFile.Row back = again.next();
      assertThat(back.row()).isEqualTo(row.row());
      assertThat(back.columns().get("note")).isEqualTo("a, b");
    }
  }

  private static List<String> keys(final Path file) {
    final List<String> keys = new ArrayList<>();
    try (MigrationFile input = MigrationFile.open(file, MigrationFile.Kind.wallets)) {
      for (MigrationFile.Row r = input.next(); r != null; r = input.next()) {
        keys.add(r.row().idempotencyKey());
      }
    }
    return keys;
  }
}

package dev.coffer.cli.migrate;

import dev.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer migrate}: balances and items from a previous system. */
@Command(name = "migrate", description = {"Migrates wallets or inventories from a CSV, in calls of up to 1,000 "
    + "rows, with a progress bar; rows that are not recorded go to a failures file.",
    "Safe to run again: every row is sent under the same idempotency key each time (its idempotencyKey column, "
        + "or one derived from its content and how many identical rows precede it), so rows already recorded "
        + "answer DUPLICATE and nothing is applied twice. Run the failures file (fixed) the same way to retry "
        + "only what failed."},
    subcommands = {MigrateCommand.Wallets.class, MigrateCommand.Inventory.class})
public final class MigrateCommand extends CommandGroup {
  /** {@code coffer migrate wallets}. */
  @Command(name = "wallets", description = {"Migrates currency balances: a CSV with the header "
      + "playerId,currency,amount[,idempotencyKey] (amounts in the currency's smallest unit)."})
  static final class Wallets extends Migration {
    Wallets() {
      super(MigrationFile.Kind.wallets);
    }
  }

  /** {@code coffer migrate inventory}. */
  @Command(name = "inventory", description = {"Migrates items: a CSV with the header "
      + "playerId,itemId,quantity[,idempotencyKey] (catalog items)."})
  static final class Inventory extends Migration {
    Inventory() {
      super(MigrationFile.Kind.inventory);
    }
  }
}

package dev.coffer.client.model;

import java.util.Objects;

/**
 * One row of a migration ({@code POST /v1/apps/{appId}/migrate/{kind}}): balances and items carried over
 * from a previous system, recorded as grants marked {@code migration} (no webhook fires). A row without an
 * idempotency key gets one derived from its content by the gateway, so identical rows collapse into one:
 * give rows keys of your own (e.g. your old system's row id) when two rows may be alike.
 */
public sealed interface MigrationRow
    permits MigrationRow.PlayerRow, MigrationRow.WalletRow, MigrationRow.InventoryRow {
  /** The kind of migration the row belongs to ({@code players}, {@code wallets}, {@code inventory}). */
  String kind();

  /** The player. */
  String playerId();

  /** The row's idempotency key, or {@code null} for one derived from its content. */
  String idempotencyKey();

  /**
   * A player with several currencies and items ({@code players}).
   *
   * @param playerId the player
   * @param grants the currencies and items
   * @param idempotencyKey the row's key, or {@code null}
   */
  record PlayerRow(String playerId, Grants grants, String idempotencyKey) implements MigrationRow {
    /** Checks the components: a missing or invalid one throws. */
    public PlayerRow {
      Objects.requireNonNull(playerId, "playerId");
      Objects.requireNonNull(grants, "grants");
      if (idempotencyKey != null) {
        IdempotencyKeys.check(idempotencyKey);
      }
    }

    @Override
    public String kind() {
      return "players";
    }
  }

  /**
   * One currency balance ({@code wallets}).
   *
   * @param playerId the player
   * @param currency the currency
   * @param amount the amount, in the smallest unit (positive)
   * @param idempotencyKey the row's key, or {@code null}
   */
  record WalletRow(String playerId, String currency, long amount, String idempotencyKey) implements MigrationRow {
    /** Checks the components: a missing or invalid one throws. */
    public WalletRow {
      Objects.requireNonNull(playerId, "playerId");
      Objects.requireNonNull(currency, "currency");
      if (idempotencyKey != null) {
        IdempotencyKeys.check(idempotencyKey);
      }
    }

    @Override
    public String kind() {
      return "wallets";
    }
  }

  /**
   * Units of one item ({@code inventory}).
   *
   * @param playerId the player
   * @param itemId the catalog item
   * @param quantity units (positive)
   * @param idempotencyKey the row's key, or {@code null}
   */
  record InventoryRow(String playerId, String itemId, long quantity, String idempotencyKey) implements MigrationRow {
    /** Checks the components: a missing or invalid one throws. */
    public InventoryRow {
      Objects.requireNonNull(playerId, "playerId");
      Objects.requireNonNull(itemId, "itemId");
      if (idempotencyKey != null) {
        IdempotencyKeys.check(idempotencyKey);
      }
    }

    @Override
    public String kind() {
      return "inventory";
    }
  }
}

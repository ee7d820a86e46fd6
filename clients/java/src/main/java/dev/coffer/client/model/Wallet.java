package dev.coffer.client.model;

import java.util.List;

/**
 * A player's wallet ({@code GET .../players/{playerId}/wallet}).
 *
 * @param appId the app
 * @param playerId the player, as the game names it
 * @param version the player's version the answer reflects (at least the {@code minVersion} asked for)
 * @param balances one per currency the player ever held
 */
public record Wallet(String appId, String playerId, long version, List<Balance> balances) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public Wallet {
    balances = balances == null ? List.of() : List.copyOf(balances);
  }

  /** The balance of {@code currency}: 0 if the player never held it. */
  public long balance(final String currency) {
    return balances.stream().filter(b -> b.currency().equals(currency)).mapToLong(Balance::balance).findFirst()
        .orElse(0);
  }
}

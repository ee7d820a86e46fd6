package dev.coffer.client.model;

/**
 * One currency of a wallet.
 *
 * @param currency the virtual currency
 * @param balance the balance, in the smallest unit; negative when a refund left a debt
 * @param debt what the player owes: {@code -balance} when negative, else 0
 */
public record Balance(String currency, long balance, long debt) {
}

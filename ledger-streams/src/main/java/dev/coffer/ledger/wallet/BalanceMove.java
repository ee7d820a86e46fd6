package dev.coffer.ledger.wallet;

/**
 * How one balance moved.
 *
 * @param currency the currency code
 * @param delta the signed change
 * @param balance the balance after it
 */
public record BalanceMove(String currency, long delta, long balance) {
}

package dev.coffer.client.model;

/**
 * How one currency balance moved in one event.
 *
 * @param currency the virtual currency
 * @param delta the signed change, in the currency's smallest unit
 * @param balance the balance after it; negative only through a revocation (a debt)
 */
public record BalanceChange(String currency, long delta, long balance) {
}

package dev.coffer.ledger.inventory;

/**
 * How one instance moved.
 *
 * @param delta the signed change in quantity
 * @param instance the instance after the change
 */
public record InstanceMove(long delta, Instance instance) {
}

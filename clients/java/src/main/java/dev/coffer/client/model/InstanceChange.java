package dev.coffer.client.model;

/**
 * How one item instance moved in one event.
 *
 * @param delta the signed change in quantity
 * @param instance the instance after the change
 */
public record InstanceChange(long delta, Instance instance) {
}

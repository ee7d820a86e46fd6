package dev.coffer.projections.inventory;

import java.util.Objects;

/**
 * How one instance moved in one ledger event.
 *
 * @param delta the signed change in quantity
 * @param instance the instance after the change
 */
public record InstanceMove(long delta, Instance instance) {
  public InstanceMove {
    Objects.requireNonNull(instance, "instance");
  }
}

package dev.coffer.ledger.rejection;

/** Overflow-checked arithmetic on amounts and quantities: an overflow refuses the event. */
public final class Amounts {
  private Amounts() {
  }

  /** {@code a + b}, or a rejection with {@link Reason#AMOUNT_OVERFLOW}. */
  public static long add(final long a, final long b) {
    try {
      return Math.addExact(a, b);
    } catch (final ArithmeticException e) {
      throw new RuleRejected(Reason.AMOUNT_OVERFLOW, a + " + " + b + " overflows");
    }
  }

  /** {@code a - b}, or a rejection with {@link Reason#AMOUNT_OVERFLOW}. */
  public static long subtract(final long a, final long b) {
    try {
      return Math.subtractExact(a, b);
    } catch (final ArithmeticException e) {
      throw new RuleRejected(Reason.AMOUNT_OVERFLOW, a + " - " + b + " overflows");
    }
  }

  /** {@code a * b}, or a rejection with {@link Reason#AMOUNT_OVERFLOW}. */
  public static long multiply(final long a, final long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (final ArithmeticException e) {
      throw new RuleRejected(Reason.AMOUNT_OVERFLOW, a + " * " + b + " overflows");
    }
  }
}

package dev.coffer.ledger.rejection;

import java.math.BigInteger;

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

  /**
   * {@code amount × part / whole}, exact in 128 bits (no overflow in between), rounded down or up.
   * Refunds round up what they take, so a refund never leaves a player richer.
   *
   * @param amount the amount shared
   * @param part the share's numerator, {@code 0 <= part <= whole}
   * @param whole the share's denominator, positive
   * @param roundUp round a remainder up (else down)
   * @return the share
   */
  public static long share(final long amount, final long part, final long whole, final boolean roundUp) {
    final BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part))
        .divideAndRemainder(BigInteger.valueOf(whole));
    final long quotient = qr[0].longValueExact();
    return roundUp && qr[1].signum() != 0 ? quotient + 1 : quotient;
  }
}

package dev.coffer.gateway.receipts;

import dev.coffer.gateway.requests.JsonReader;

import java.util.Objects;

/**
 * A receipt or store notification that failed verification: a {@link RejectionCode} for machines and a message
 * for people. Checked, so that every caller decides how bad input is answered instead of letting it become a 500.
 */
public final class ReceiptRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectionCode code;

  /**
   * @param code    why the receipt was refused
   * @param message what exactly was wrong, for logs and the caller
   */
  public ReceiptRejectedException(final RejectionCode code, final String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * @param code    why the receipt was refused
   * @param message what exactly was wrong, for logs and the caller
   * @param cause   the underlying failure, kept for diagnosis
   */
  public ReceiptRejectedException(final RejectionCode code, final String message, final Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * How the gateway's body validator ({@link JsonReader}) fails on a store's JSON: every problem is
   * this exception with {@code code}.
   */
  public static JsonReader.Failures<ReceiptRejectedException> as(final RejectionCode code) {
    return (problem, detail, cause) -> new ReceiptRejectedException(code, detail, cause);
  }

  /** @return the stable reason code */
  public RejectionCode code() {
    return code;
  }

  @Override
  public String toString() {
    return "ReceiptRejectedException[" + code + "]: " + getMessage();
  }
}

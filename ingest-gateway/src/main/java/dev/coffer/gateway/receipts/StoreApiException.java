package dev.coffer.gateway.receipts;

import java.util.Objects;

/**
 * A call to a store's server API (Google Play Developer API, App Store Server API) that did not answer what
 * Coffer needs. Checked, so that every caller decides how it is answered.
 */
public final class StoreApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether trying again later may help. */
  public enum Kind {
    /** The network, a 5xx, a 429, or data the store has not published yet: retry later. */
    UNAVAILABLE,
    /** The store refused the call (4xx: credentials, permissions, an unknown token): retrying will not help. */
    REFUSED
  }

  private final Kind kind;

  /**
   * @param kind    whether a retry may help
   * @param message what failed
   * @param cause   the underlying failure; nullable
   */
  public StoreApiException(final Kind kind, final String message, final Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** @return whether a retry may help */
  public Kind kind() {
    return kind;
  }
}

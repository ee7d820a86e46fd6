package dev.coffer.gateway;

/** The gateway's configuration is invalid; {@link #key()} names the offending key. */
public final class GatewayConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * @param key the bad key, e.g. {@code http.port}
   * @param message what is wrong with it
   */
  public GatewayConfigException(final String key, final String message) {
    super(key + " (env " + GatewayConfig.envName(key) + "): " + message);
    this.key = key;
  }

  /** The bad key. */
  public String key() {
    return key;
  }
}

package dev.coffer.apps;

/** The apps file is invalid; {@link #key()} names the offending key, e.g. {@code apps[1].keys[0].sha256}. */
public final class AppsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * @param key the path of the bad key
   * @param message what is wrong with it
   */
  public AppsConfigException(final String key, final String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /**
   * @param key the path of the bad key
   * @param message what is wrong with it
   * @param cause the underlying failure
   */
  public AppsConfigException(final String key, final String message, final Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  /** The path of the bad key. */
  public String key() {
    return key;
  }
}

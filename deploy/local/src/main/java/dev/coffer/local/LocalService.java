package dev.coffer.local;

/**
 * One Coffer service run by the local stack (the ledger, the gateway, projections). The stack starts
 * services in the order {@link LocalServices#inStartOrder()} lists them, once the broker and the
 * registry are up and Coffer's topics and subjects are in place, and closes them in reverse order.
 */
public interface LocalService extends AutoCloseable {
  /** A short name for logs and the service's data folder, e.g. {@code ledger}. */
  String name();

  /**
   * Starts the service and returns once it runs (or fails). It may keep state under
   * {@link LocalContext#serviceDir(String)}.
   */
  void start(LocalContext context) throws Exception;

  /** Stops the service; called once, also when {@link #start} failed. Failures are unchecked. */
  @Override
  void close();

  /** Addresses the service offers, printed at startup (e.g. {@code ledger ops http://127.0.0.1:8082}). */
  default String describe() {
    return name();
  }
}

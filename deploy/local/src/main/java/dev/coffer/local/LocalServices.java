package dev.coffer.local;

import java.util.List;

/**
 * The extension point of the local stack: the services it runs, in start order (stopped in reverse).
 * A module plugs its service in by adding a {@link LocalService} adapter here, e.g.
 * {@code new LedgerLocalService()} wrapping ledger-streams' {@code LedgerService}.
 */
final class LocalServices {
  private LocalServices() {
  }

  /**
   * A new instance of every service, in the order they start: projections before the gateway, which asks it,
   * at the URL it publishes, for the purchase index and for outcomes (the {@code Location} of a 202).
   */
  static List<LocalService> inStartOrder() {
    return List.of(new LedgerLocalService(), new ProjectionsLocalService(), new GatewayLocalService());
  }
}

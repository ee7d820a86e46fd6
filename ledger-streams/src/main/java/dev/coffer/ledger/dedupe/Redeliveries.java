package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.LedgerObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a {@link Verdict.Redelivered} event, wherever it was caught (the receipt stage or the fold).
 * A record read twice is its writer's retry, not its caller's, so nothing is decided or answered again;
 * WARN, since it only happens around broker failures.
 */
public final class Redeliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Redeliveries.class);

  private Redeliveries() {
  }

  /**
   * Counts and logs one redelivery.
   *
   * @param observer the ledger's observer
   * @param appId the event's tenant
   * @param eventId the event's id
   */
  public static void report(final LedgerObserver observer, final String appId, final String eventId) {
    observer.onRedelivery(appId);
    LOG.warn("event {} of app {} was read again (a producer wrote it twice): its first outcome stands", eventId,
        appId);
  }
}

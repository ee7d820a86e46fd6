package dev.coffer.client.model;

import java.util.List;

/**
 * The answer to a store notification or a subscription reconciliation.
 *
 * @param status {@code PROCESSED} (the events below were submitted), or {@code IGNORED} (nothing to record)
 * @param detail why it was ignored, or {@code null}
 * @param outcomes the outcomes of the events it recorded, in order (rejections included: a store would
 *     retry a notification in vain)
 * @param pendingEventIds events recorded whose outcome did not arrive within the gateway's wait
 */
public record NotificationResult(String status, String detail, List<Outcome> outcomes, List<String> pendingEventIds) {
  /** Lists and maps left out (null) read as empty; they are copied, unmodifiable. */
  public NotificationResult {
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    pendingEventIds = pendingEventIds == null ? List.of() : List.copyOf(pendingEventIds);
  }

  /** Whether nothing was recorded. */
  public boolean ignored() {
    return "IGNORED".equals(status);
  }
}

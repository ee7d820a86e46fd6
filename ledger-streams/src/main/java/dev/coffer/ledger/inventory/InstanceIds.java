package dev.coffer.ledger.inventory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Instance ids derived from the creating eventId and the instance's index within that event
 * (name-based UUID, version 3): a replay of the same event yields the same ids.
 */
public final class InstanceIds {
  private InstanceIds() {
  }

  /**
   * The id of the {@code index}-th instance created by {@code eventId}.
   *
   * @param eventId the creating event
   * @param index the instance's position among those the event creates, from 0
   * @return a UUID string
   */
  public static String derive(final String eventId, final int index) {
    return UUID.nameUUIDFromBytes(("coffer-instance|" + eventId + "|" + index)
        .getBytes(StandardCharsets.UTF_8)).toString();
  }
}

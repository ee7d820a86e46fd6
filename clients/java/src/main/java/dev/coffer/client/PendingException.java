package dev.coffer.client;

import java.net.URI;

/**
 * A write was recorded (202) but its outcome did not arrive within the {@link FollowPolicy}'s bound. It will
 * be decided: poll it with {@link Writes#awaitOutcome(String)} or read it with {@link Reads#event(String)}, or
 * send the same request again (it is answered with its outcome once decided).
 */
public final class PendingException extends CofferException {
  private static final long serialVersionUID = 1L;
  private final String eventId;
  private final URI location;

  PendingException(final String eventId, final URI location, final String idempotencyKey, final String requestId) {
    super("event " + eventId + " is recorded; its outcome did not arrive in time (poll " + location + ")", null,
        idempotencyKey, requestId);
    this.eventId = eventId;
    this.location = location;
  }

  /** The recorded event. */
  public String eventId() {
    return eventId;
  }

  /** Where its outcome is served. */
  public URI location() {
    return location;
  }
}

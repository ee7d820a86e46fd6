package dev.coffer.projections.webhooks;

/**
 * The headers of {@code coffer.projections-webhook-dead-letters}. A parked webhook's value is its JSON
 * body as sent, with {@link WebhookDispatcher#DELIVERY_ID_HEADER}, {@link WebhookDispatcher#TYPE_HEADER}
 * and the delivery details below. The topic also holds re-drive markers: no value,
 * {@link #KIND} {@value #KIND_REDRIVEN} and {@link #REDRIVE_OF}.
 */
public final class DeadLetterHeaders {
  /** The URL the webhook was sent to. */
  public static final String URL = "coffer-webhook-url";
  /** Attempts made before parking (0: parked at once, the app's queue was full). */
  public static final String ATTEMPTS = "coffer-attempts";
  /** Why the last attempt failed. */
  public static final String LAST_ERROR = "coffer-last-error";
  /** The dead letter ({@code <partition>-<offset>}) a re-drive of which this record is the result. */
  public static final String REDRIVE_OF = "coffer-redrive-of";
  /** What a record that is not a parked webhook is. */
  public static final String KIND = "coffer-record-kind";
  /** {@link #KIND} of a marker saying that {@link #REDRIVE_OF} was re-driven and delivered. */
  public static final String KIND_REDRIVEN = "redriven";

  private DeadLetterHeaders() {
  }
}

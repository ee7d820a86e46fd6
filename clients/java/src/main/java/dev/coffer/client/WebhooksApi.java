package dev.coffer.client;

import dev.coffer.client.model.RedriveResult;

/**
 * Projections' webhook dead letters, under {@code /v1/apps/{appId}/webhooks/dead-letters} (server key): a
 * webhook that could not be delivered is parked in {@code coffer.projections-webhook-dead-letters}, named by
 * its place there, {@code <partition>-<offset>}.
 */
public final class WebhooksApi {
  private final String deadLetters;
  private final Transport transport;

  WebhooksApi(final String appId, final Transport transport) {
    this.deadLetters = "/v1/apps/" + Transport.segment(appId) + "/webhooks/dead-letters/";
    this.transport = transport;
  }

  /**
   * Hands a parked webhook back to the app's delivery lane, to the endpoint as configured now, with its
   * original delivery id ({@code POST .../webhooks/dead-letters/{id}/redrive}). Idempotent: a webhook already
   * queued or delivered again is not sent twice. 404 {@code DEAD_LETTER_NOT_FOUND}, 409
   * {@code WEBHOOKS_NOT_CONFIGURED}, 503 {@code QUEUE_FULL} or {@code WEBHOOKS_DISABLED} come as exceptions.
   *
   * @param id the dead letter, {@code <partition>-<offset>}
   * @return QUEUED (it will be delivered or parked again), DELIVERED or PARKED_AGAIN (by an earlier re-drive)
   */
  public RedriveResult redrive(final String id) {
    return transport.json(new Transport.Call("POST", Transport.Service.PROJECTIONS,
        deadLetters + Transport.segment(id) + "/redrive", null, null, null, Transport.Follow.NONE,
        java.util.List.of()), RedriveResult.class);
  }
}

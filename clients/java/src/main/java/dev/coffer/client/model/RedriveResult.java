package dev.coffer.client.model;

/**
 * What became of a re-drive of a parked webhook.
 *
 * @param id the dead letter ({@code <partition>-<offset>})
 * @param deliveryId the webhook's delivery id (the same on every attempt: receivers drop repeats)
 * @param state QUEUED (handed to the app's lane now), DELIVERED or PARKED_AGAIN (what an earlier re-drive did)
 * @param parkedAs when PARKED_AGAIN: the new dead letter, to re-drive instead
 */
public record RedriveResult(String id, String deliveryId, String state, String parkedAs) {
}

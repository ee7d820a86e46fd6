package dev.coffer.ledger.dedupe;

import java.util.Objects;

/**
 * What the ledger remembers of a dedupe key: the first event that used it.
 *
 * @param originalEventId the first event's id
 * @param fingerprint the first event's content fingerprint (hex SHA-256, see {@link Fingerprints})
 * @param appId the first event's tenant
 * @param playerRef the first event's player
 * @param firstSeenAt the first event's record timestamp (epoch millis): when the key was first used
 */
public record DedupeRecord(String originalEventId, String fingerprint, String appId, String playerRef,
                           long firstSeenAt) {
  public DedupeRecord {
    Objects.requireNonNull(originalEventId, "originalEventId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(playerRef, "playerRef");
  }
}

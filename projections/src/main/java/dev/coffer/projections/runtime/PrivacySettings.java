package dev.coffer.projections.runtime;

import java.time.Duration;

/**
 * Where the projections find the player directory and data keys, and write the webhooks they sent.
 *
 * @param webhookDeliveriesTopic the webhooks sent, co-partitioned with the outcomes ({@code topics.webhook-deliveries})
 * @param playerKeysTopic the players' data keys ({@code topics.player-keys})
 * @param directoryRequestsTopic questions to the directory ({@code topics.player-directory-requests})
 * @param directoryTopic the directory ({@code topics.player-directory})
 * @param directoryTimeout the longest a read waits for the directory ({@code directory.timeout})
 * @param directoryCacheSize players whose ref and key are kept in memory ({@code directory.cache.size})
 */
public record PrivacySettings(String webhookDeliveriesTopic, String playerKeysTopic, String directoryRequestsTopic,
                              String directoryTopic, Duration directoryTimeout, int directoryCacheSize) {
}

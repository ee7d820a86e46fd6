package dev.coffer.gateway.http;

import dev.coffer.apps.Apps;
import dev.coffer.gateway.GatewayConfig;
import dev.coffer.gateway.catalog.CatalogView;
import dev.coffer.gateway.catalog.CatalogWriter;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.RecordSender;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.gateway.notifications.StripeEvents;
import dev.coffer.gateway.players.PlayerRequests;
import dev.coffer.gateway.purchases.AppStores;
import dev.coffer.gateway.purchases.PurchaseRequests;
import dev.coffer.gateway.ratelimit.TokenBuckets;
import dev.coffer.service.directory.PlayerDirectory;
import dev.coffer.service.health.Health;
import dev.coffer.service.metrics.ServiceMetrics;
import java.time.Clock;
import java.util.Map;

/**
 * What the HTTP layer is built from.
 *
 * @param config the configuration
 * @param apps the apps
 * @param stores each app's verifiers
 * @param perApp the per-app rate limit
 * @param perPlayer the per-player rate limit
 * @param clock the clock
 * @param submitter submits events and waits for outcomes
 * @param sender the producer
 * @param purchases purchase requests
 * @param players player requests
 * @param catalog the catalog view
 * @param catalogWriter the catalog writer
 * @param notifications store notifications
 * @param stripe Stripe webhook events
 * @param directory the player directory's client
 * @param health the gateway's liveness and readiness
 * @param metrics the metrics
 */
public record HttpParts(GatewayConfig config, Apps apps, Map<String, AppStores> stores, TokenBuckets perApp,
                        TokenBuckets perPlayer, Clock clock, EventSubmitter submitter, RecordSender sender,
                        PurchaseRequests purchases, PlayerRequests players, CatalogView catalog,
                        CatalogWriter catalogWriter, StoreNotifications notifications, StripeEvents stripe,
                        PlayerDirectory directory, Health health,
                        ServiceMetrics metrics) {
}

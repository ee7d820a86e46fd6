/**
 * Store server notifications (App Store Server Notifications v2, Google Play real-time developer
 * notifications) turned into ledger events for purchases Coffer recorded; the player of a purchase
 * is found in the {@link dev.coffer.gateway.notifications.PurchaseIndex}.
 */
package dev.coffer.gateway.notifications;

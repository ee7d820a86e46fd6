/**
 * The app view's aggregates: revenue per app, day, store and currency from {@code coffer.purchase-log}
 * (refunds priced from the purchase they refund), and the outcome mix per app and minute from
 * {@code coffer.ledger-outcomes}. A Kafka Streams application of its own ({@link
 * dev.coffer.projections.analytics.AnalyticsTopology}), exactly-once, beside the read models: a sum is
 * not idempotent, so at-least-once (which the read models can afford) would count an entry twice after
 * a crash. The arithmetic is plain Java over plain values ({@link dev.coffer.projections.analytics.RevenueDay},
 * {@link dev.coffer.projections.analytics.OutcomeMinute}).
 */
package dev.coffer.projections.analytics;

/**
 * Following a topic inside the gateway: {@link dev.coffer.gateway.follow.TopicFollower} reads every
 * partition of a topic on its own thread and hands each record to the view that owns it (the catalog,
 * the purchase index, the outcome waiter).
 */
package dev.coffer.gateway.follow;

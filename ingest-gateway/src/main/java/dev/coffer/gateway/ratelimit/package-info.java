/** Per-app and per-player request limits: token buckets kept in memory by each gateway instance. */
package dev.coffer.gateway.ratelimit;

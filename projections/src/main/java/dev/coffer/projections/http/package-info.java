/** The projections' HTTP API: reads, server-sent events, health, metrics, OpenAPI, problem answers. */
package dev.coffer.projections.http;

/**
 * The ingest gateway: Coffer's authenticated HTTP write API. {@link dev.coffer.gateway.Gateway} runs
 * it, {@link dev.coffer.gateway.GatewayConfig} configures it, {@link dev.coffer.gateway.GatewayMain}
 * is its main.
 */
package dev.coffer.gateway;

/**
 * The gateway's HTTP API (Javalin): routes under {@code /v1/apps/{appId}}, authentication and
 * limits ({@link dev.coffer.gateway.http.Access}), replies from ledger outcomes and RFC 9457 problem
 * details ({@link dev.coffer.gateway.http.Replies}), and the operations endpoints.
 */
package dev.coffer.gateway.http;

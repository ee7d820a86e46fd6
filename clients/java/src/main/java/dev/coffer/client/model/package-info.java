/**
 * The values of Coffer's HTTP API: requests ({@link dev.coffer.client.model.GrantRequest},
 * {@link dev.coffer.client.model.SpendRequest}, ...) and answers ({@link dev.coffer.client.model.Outcome},
 * {@link dev.coffer.client.model.Wallet}, ...), and copies of the wire enums. Answers tolerate fields and enum
 * symbols added by newer servers.
 */
package dev.coffer.client.model;

/** The gateway's errors: stable machine-readable codes, answered as RFC 9457 problem details. */
package dev.coffer.gateway.errors;

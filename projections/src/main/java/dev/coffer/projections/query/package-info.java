/** Interactive queries: which instance owns a key, local store reads, forwarding to the owner. */
package dev.coffer.projections.query;

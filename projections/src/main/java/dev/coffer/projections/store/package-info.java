/** How the read models are stored: JSON values in RocksDB. */
package dev.coffer.projections.store;

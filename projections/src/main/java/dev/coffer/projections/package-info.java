/**
 * Coffer's read side: a Kafka Streams application of its own that builds RocksDB read models
 * (wallet, inventory, purchases, ledger history, event outcomes, player versions) from the ledger's
 * output topics, and serves them over HTTP with interactive queries routed to the owning instance.
 *
 * <p>{@link dev.coffer.projections.ProjectionTopology} builds the topology; the view logic is plain
 * Java in the domain packages ({@code wallet}, {@code inventory}, {@code purchases}, {@code history},
 * {@code outcomes}, {@code players}); {@code query} and {@code http} serve it; {@code runtime} runs it.
 */
package dev.coffer.projections;

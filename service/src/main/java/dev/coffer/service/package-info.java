/**
 * The service kit: what every Coffer service (ingest-gateway, projections, ledger-streams) needs and
 * would otherwise write again. One piece per concern, in its own package: {@code follow} (a thread that
 * follows a topic), {@code problem} (RFC 9457 problem details), {@code auth} (bearer API keys of the
 * apps file), {@code health} (liveness and readiness), {@code metrics} (one naming scheme, JVM and Kafka
 * binders), {@code http} (the ops endpoints, request ids, HTTP metrics and problem mapping on Javalin),
 * {@code lifecycle} (close in reverse order), {@code streams} (the Kafka Streams settings every Streams
 * service declares), {@code config} (the settings the gateway and projections both declare: Kafka, registry,
 * apps file, HTTP, directory, shutdown) and {@code logging} (text or JSON logs, levels from the environment).
 */
package dev.coffer.service;

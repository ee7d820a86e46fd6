/**
 * A small Avro serde over the Confluent Schema Registry REST API.
 *
 * <p>Records are framed in the Confluent wire format (magic byte {@code 0}, a 4-byte big-endian
 * schema id, then the Avro binary body), byte-compatible with Confluent's {@code KafkaAvroSerializer},
 * so analytics consumers read Coffer's topics with the tools they already use. The registry is any
 * server speaking that API: Apicurio Registry under {@code /apis/ccompat/v7}, Confluent Schema
 * Registry, Karapace, Redpanda.
 *
 * <p>Entry points: {@link dev.coffer.registry.AvroSerde} (and its serializer and deserializer halves),
 * {@link dev.coffer.registry.SchemaRegistry} with {@link dev.coffer.registry.RestSchemaRegistry} for
 * a real registry and {@link dev.coffer.registry.InMemorySchemaRegistry} for tests, and
 * {@link dev.coffer.registry.AvroSerdeConfig} for the configuration keys.
 */
package dev.coffer.registry;

package dev.coffer.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka configuration keys of {@link AvroSerializer}, {@link AvroDeserializer} and
 * {@link AvroSerde} when Kafka creates them by class name (for example
 * {@code value.serializer=dev.coffer.registry.AvroSerializer} or Streams'
 * {@code default.value.serde}).
 *
 * <pre>{@code
 * coffer.registry.url=http://127.0.0.1:8080/apis/ccompat/v7
 * coffer.registry.auto-register=true
 * coffer.avro.value.type=dev.coffer.schemas.ledger.LedgerEvent
 * }</pre>
 */
public final class AvroSerdeConfig {
  /**
   * The schema registry's API root, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7}. Serdes
   * configured with the same URL and settings share one {@link RestSchemaRegistry} (and its caches).
   */
  public static final String REGISTRY_URL = "coffer.registry.url";

  /**
   * A {@link SchemaRegistry} instance to use instead of {@link #REGISTRY_URL}: Kafka passes
   * configuration objects through, so a test can hand an {@link InMemorySchemaRegistry} to serdes
   * that Kafka creates by class name.
   */
  public static final String REGISTRY_INSTANCE = "coffer.registry.instance";

  /**
   * Whether the serializer registers its writer schema under the subject ({@code true}, the
   * default) or only looks it up, failing with {@link SchemaRejectedException} if it is missing.
   */
  public static final String AUTO_REGISTER = "coffer.registry.auto-register";

  /** How many times one registry call is tried at most (default 5). */
  public static final String MAX_ATTEMPTS = "coffer.registry.max-attempts";

  /** How long one registry call may take in all, retries included, in ms (default 10000). */
  public static final String MAX_RETRY_MS = "coffer.registry.max-retry-ms";

  /** The generated Avro class values are read into (class name or {@link Class}). */
  public static final String VALUE_TYPE = "coffer.avro.value.type";

  /** The generated Avro class keys are read into (class name or {@link Class}). */
  public static final String KEY_TYPE = "coffer.avro.key.type";

  /** One client per URL and settings, so the serdes of one application share their caches. */
  private static final Map<RegistryKey, RestSchemaRegistry> SHARED = new ConcurrentHashMap<>();

  private AvroSerdeConfig() {
  }

  /** The registry the configuration names: an instance, or a shared client for the URL. */
  static SchemaRegistry registry(final Map<String, ?> configs) {
    final Object instance = configs.get(REGISTRY_INSTANCE);
    if (instance != null) {
      if (instance instanceof SchemaRegistry registry) {
        return registry;
      }
      throw new ConfigException(REGISTRY_INSTANCE, instance.getClass().getName(),
          "must be a " + SchemaRegistry.class.getName());
    }
    final Object url = configs.get(REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException("missing " + REGISTRY_URL + " (the schema registry's API root, e.g. "
          + "http://127.0.0.1:8080/apis/ccompat/v7)");
    }
    final String trimmed = url.toString().strip();
    final RestSchemaRegistry.Settings defaults = RestSchemaRegistry.Settings.defaults();
    final int attempts = intValue(configs, MAX_ATTEMPTS, defaults.maxAttempts());
    final int retryMs = intValue(configs, MAX_RETRY_MS, (int) defaults.maxRetryTime().toMillis());
    try {
      final RestSchemaRegistry.Settings settings = defaults.withMaxAttempts(attempts)
          .withMaxRetryTime(Duration.ofMillis(retryMs));
      return SHARED.computeIfAbsent(new RegistryKey(trimmed, settings),
          key -> new RestSchemaRegistry(key.url(), key.settings()));
    } catch (final IllegalArgumentException e) {
      throw new ConfigException("invalid schema registry configuration for " + trimmed + ": "
          + e.getMessage());
    }
  }

  static boolean autoRegister(final Map<String, ?> configs) {
    final Object value = configs.get(AUTO_REGISTER);
    if (value == null) {
      return true;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    final String text = value.toString().strip();
    if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(AUTO_REGISTER, value, "must be true or false");
  }

  /** The generated class named by {@link #KEY_TYPE} or {@link #VALUE_TYPE}. */
  static <T extends SpecificRecord> Class<T> recordType(final Map<String, ?> configs, final boolean isKey) {
    final String key = isKey ? KEY_TYPE : VALUE_TYPE;
    final Object value = configs.get(key);
    if (value == null) {
      throw new ConfigException("missing " + key + ": the generated Avro class to read "
          + (isKey ? "keys" : "values") + " into, e.g. dev.coffer.schemas.ledger.LedgerEvent");
    }
    final Class<?> type;
    if (value instanceof Class<?> c) {
      type = c;
    } else {
      try {
        type = Class.forName(value.toString().strip(), true, classLoader());
      } catch (final ClassNotFoundException e) {
        throw new ConfigException(key, value, "class not found");
      }
    }
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new ConfigException(key, value, "not a generated Avro class (a SpecificRecord)");
    }
    @SuppressWarnings("unchecked")
    final Class<T> recordType = (Class<T>) type;
    return recordType;
  }

  private static int intValue(final Map<String, ?> configs, final String key, final int fallback) {
    final Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(value.toString().strip());
    } catch (final NumberFormatException e) {
      throw new ConfigException(key, value, "must be an integer");
    }
  }

  private static ClassLoader classLoader() {
    final ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : AvroSerdeConfig.class.getClassLoader();
  }

  private record RegistryKey(String url, RestSchemaRegistry.Settings settings) {
  }
}

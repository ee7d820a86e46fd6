package dev.coffer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistry} over the Confluent Schema Registry REST API, with
 * {@link java.net.http.HttpClient}.
 *
 * <p>The base URL is the API root: {@code http://host:8081} for Confluent, or
 * {@code http://host:8080/apis/ccompat/v7} for Apicurio Registry. Ids are cached by subject and
 * schema, schemas by id, so a running serde talks to the registry once per schema.
 *
 * <p>Every call is bounded: a connect timeout, a per-request timeout, and retries on I/O errors,
 * {@code 5xx} and {@code 429} with exponential backoff, at most {@link Settings#maxAttempts()} tries
 * within {@link Settings#maxRetryTime()}; then {@link RegistryUnavailableException}. A rejected
 * schema ({@code 409}, {@code 422}) throws {@link SchemaRejectedException} at once. The backoff
 * sleeps on the calling thread, which only happens before an id is cached (usually at startup).
 *
 * <p>This class is the subject, version and compatibility operations of the API; the HTTP calls and
 * their bounds are {@code RegistryTransport}'s, the caches {@code SchemaIdCache}'s.
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client.
 */
public final class RestSchemaRegistry implements SchemaRegistry, AutoCloseable {
  private final String baseUrl;
  private final Settings settings;
  private final RegistryTransport transport;
  private final SchemaIdCache cache = new SchemaIdCache();

  /**
   * How a {@link RestSchemaRegistry} bounds its calls.
   *
   * @param connectTimeout how long to wait for a TCP connection
   * @param requestTimeout how long one request may take, body included
   * @param maxAttempts how many times one call is tried at most (1 means no retry)
   * @param maxRetryTime how long one call may take in all, retries and backoff included
   * @param initialBackoff the wait before the first retry; doubled for each later one
   * @param maxBackoff the longest wait between two tries
   */
  public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                         Duration maxRetryTime, Duration initialBackoff, Duration maxBackoff) {
    /** Checks that every call stays bounded: positive timeouts, at least one attempt. */
    public Settings {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(maxRetryTime, "maxRetryTime");
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      for (final Duration d : new Duration[] {connectTimeout, requestTimeout, maxRetryTime}) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive, was " + d);
        }
      }
      if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative");
      }
    }

    /** 2 s to connect, 5 s per request, 5 attempts within 10 s, backoff from 100 ms up to 2 s. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 5, Duration.ofSeconds(10),
          Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    /** These settings with another attempt count. */
    public Settings withMaxAttempts(final int attempts) {
      return new Settings(connectTimeout, requestTimeout, attempts, maxRetryTime, initialBackoff,
          maxBackoff);
    }

    /** These settings with another bound on a call's total time. */
    public Settings withMaxRetryTime(final Duration time) {
      return new Settings(connectTimeout, requestTimeout, maxAttempts, time, initialBackoff,
          maxBackoff);
    }

    /** These settings with other connect and per-request timeouts. */
    public Settings withTimeouts(final Duration connect, final Duration request) {
      return new Settings(connect, request, maxAttempts, maxRetryTime, initialBackoff, maxBackoff);
    }

    /** These settings with another initial and maximum backoff. */
    public Settings withBackoff(final Duration initial, final Duration max) {
      return new Settings(connectTimeout, requestTimeout, maxAttempts, maxRetryTime, initial, max);
    }
  }

  /** A registry at {@code baseUrl} with {@link Settings#defaults()}. */
  public RestSchemaRegistry(final String baseUrl) {
    this(baseUrl, Settings.defaults());
  }

  /** A registry at {@code baseUrl} (the API root, without a trailing slash needed). */
  public RestSchemaRegistry(final String baseUrl, final Settings settings) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    final String trimmed = baseUrl.strip();
    this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    final URI uri = URI.create(this.baseUrl);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("schema registry URL must be absolute, like "
          + "http://127.0.0.1:8080/apis/ccompat/v7, was " + baseUrl);
    }
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transport = new RegistryTransport(this.baseUrl, settings);
  }

  /** The API root this registry talks to. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The bounds of every call. */
  public Settings settings() {
    return settings;
  }

  @Override
  public int register(final String subject, final Schema schema) {
    return idFor(subject, schema, true);
  }

  @Override
  public int lookup(final String subject, final Schema schema) {
    return idFor(subject, schema, false);
  }

  private int idFor(final String subject, final Schema schema, final boolean register) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
    final String schemaJson = schema.toString();
    final Integer cached = cache.id(subject, schemaJson);
    if (cached != null) {
      return cached;
    }
    final ObjectNode body = JsonNodeFactory.instance.objectNode().put("schema", schemaJson);
    // POST /subjects/{s}/versions registers (or finds); POST /subjects/{s} only finds.
    final String path = register
        ? "/subjects/" + encode(subject) + "/versions"
        : "/subjects/" + encode(subject);
    final String what = (register ? "registering a schema under subject " : "looking up a schema under subject ")
        + subject;
    final RegistryAnswer answer = transport.call("POST", path, body, what);
    if (answer.status() == 409 || answer.status() == 422) {
      throw new SchemaRejectedException("schema registry at " + baseUrl + " rejected the schema of "
          + schema.getFullName() + " for subject " + subject + " (HTTP " + answer.status() + "): "
          + answer.message());
    }
    if (!register && answer.status() == 404) {
      throw new SchemaRejectedException("schema " + schema.getFullName() + " is not registered under "
          + "subject " + subject + " at " + baseUrl + " and auto-registration is off: "
          + answer.message());
    }
    final int id = answer.expectOk(what).path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException("schema registry at " + baseUrl + " answered " + what
          + " without an id: " + answer.body());
    }
    cache.rememberId(subject, schemaJson, id, schema);
    return id;
  }

  @Override
  public Schema schemaById(final int id) {
    final Schema cached = cache.schema(id);
    if (cached != null) {
      return cached;
    }
    final String what = "fetching schema id " + id;
    final RegistryAnswer answer = transport.call("GET", "/schemas/ids/" + id, null, what);
    if (answer.status() == 404) {
      throw new UnknownSchemaIdException("schema registry at " + baseUrl + " has no schema with id "
          + id + ": " + answer.message(), id);
    }
    final JsonNode json = answer.expectOk(what);
    final String type = json.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type.toUpperCase(Locale.ROOT))) {
      throw new SchemaRegistryException("schema id " + id + " at " + baseUrl + " is a " + type
          + " schema, not Avro");
    }
    final String text = json.path("schema").asText(null);
    if (text == null) {
      throw new SchemaRegistryException("schema registry at " + baseUrl + " answered " + what
          + " without a schema: " + answer.body());
    }
    final Schema schema;
    try {
      schema = new Schema.Parser().parse(text);
    } catch (final SchemaParseException e) {
      throw new SchemaRegistryException("schema id " + id + " at " + baseUrl
          + " is not a valid Avro schema: " + e.getMessage(), e);
    }
    return cache.rememberSchema(id, schema);
  }

  @Override
  public void setCompatibility(final String subject, final String level) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(level, "level");
    final String what = "setting compatibility " + level + " on subject " + subject;
    transport.call("PUT", "/config/" + encode(subject), compatibility(level), what).expectOk(what);
  }

  @Override
  public void setGlobalCompatibility(final String level) {
    Objects.requireNonNull(level, "level");
    final String what = "setting the global compatibility " + level;
    transport.call("PUT", "/config", compatibility(level), what).expectOk(what);
  }

  /** Closes the HTTP client; later calls fail. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "RestSchemaRegistry[" + baseUrl + "]";
  }

  private static ObjectNode compatibility(final String level) {
    return JsonNodeFactory.instance.objectNode().put("compatibility", level);
  }

  private static String encode(final String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

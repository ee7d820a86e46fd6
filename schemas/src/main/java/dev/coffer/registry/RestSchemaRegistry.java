package dev.coffer.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Thread-safe. {@link #close()} releases the HTTP client.
 */
public final class RestSchemaRegistry implements SchemaRegistry, AutoCloseable {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final Settings settings;
  private final HttpClient client;
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

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
    // HTTP/1.1: no h2c upgrade dance with registries that do not speak HTTP/2 in clear text.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
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
    final SubjectSchema key = new SubjectSchema(subject, schemaJson);
    final Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    final ObjectNode body = JSON.createObjectNode().put("schema", schemaJson);
    // POST /subjects/{s}/versions registers (or finds); POST /subjects/{s} only finds.
    final String path = register
        ? "/subjects/" + encode(subject) + "/versions"
        : "/subjects/" + encode(subject);
    final String what = (register ? "registering a schema under subject " : "looking up a schema under subject ")
        + subject;
    final Answer answer = call("POST", path, body, what);
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
    idsBySubjectSchema.putIfAbsent(key, id);
    // The registry just confirmed this id is this schema: save a fetch when reading it back.
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(final int id) {
    final Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    final String what = "fetching schema id " + id;
    final Answer answer = call("GET", "/schemas/ids/" + id, null, what);
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
    final Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  @Override
  public void setCompatibility(final String subject, final String level) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(level, "level");
    final String what = "setting compatibility " + level + " on subject " + subject;
    final ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    call("PUT", "/config/" + encode(subject), body, what).expectOk(what);
  }

  @Override
  public void setGlobalCompatibility(final String level) {
    Objects.requireNonNull(level, "level");
    final String what = "setting the global compatibility " + level;
    call("PUT", "/config", JSON.createObjectNode().put("compatibility", level), what).expectOk(what);
  }

  /** Closes the HTTP client; later calls fail. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "RestSchemaRegistry[" + baseUrl + "]";
  }

  /**
   * Sends one request, retrying I/O failures, timeouts, {@code 5xx} and {@code 429} within the
   * bounds; any other answer is returned for the caller to judge.
   */
  private Answer call(final String method, final String path, final JsonNode body, final String what) {
    final URI uri = URI.create(baseUrl + path);
    final HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    final long start = System.nanoTime();
    final long deadline = start + settings.maxRetryTime().toNanos();
    String lastFailure = "no attempt made";
    Throwable lastCause = null;
    int attempts = 0;
    while (attempts < settings.maxAttempts()) {
      final long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      attempts++;
      final long timeoutNanos = Math.min(settings.requestTimeout().toNanos(), remaining);
      final HttpRequest request = HttpRequest.newBuilder(uri)
          .method(method, publisher)
          .timeout(Duration.ofNanos(timeoutNanos))
          .header("Accept", CONTENT_TYPE + ", application/json")
          .header("Content-Type", CONTENT_TYPE)
          .build();
      Duration retryAfter = Duration.ZERO;
      final CompletableFuture<HttpResponse<String>> pending =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      try {
        // The request timeout covers only the headers; this bounds the body too.
        final HttpResponse<String> response = pending.get(timeoutNanos, TimeUnit.NANOSECONDS);
        final int status = response.statusCode();
        if (status < 500 && status != 429) {
          return new Answer(status, response.body(), uri);
        }
        lastFailure = "HTTP " + status + ": " + new Answer(status, response.body(), uri).message();
        lastCause = null;
        retryAfter = retryAfter(response);
      } catch (final TimeoutException e) {
        pending.cancel(true);
        lastFailure = "no answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms";
        lastCause = e;
      } catch (final ExecutionException e) {
        final Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (!(cause instanceof IOException)) {
          throw new SchemaRegistryException("schema registry at " + uri + " failed " + what + ": "
              + cause, cause);
        }
        // The client's own header timer and the bound above race: the same event, one wording.
        lastFailure = cause instanceof HttpTimeoutException
            ? "no answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms"
            : cause.toString();
        lastCause = cause;
      } catch (final InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while " + what + " at " + uri, e);
      }
      if (attempts >= settings.maxAttempts()) {
        break;
      }
      final long backoff = Math.max(backoffNanos(attempts), retryAfter.toNanos());
      if (System.nanoTime() + backoff >= deadline) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(backoff);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while " + what + " at " + uri, e);
      }
    }
    final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    throw new RegistryUnavailableException("schema registry at " + uri + " unavailable for " + what
        + ": " + attempts + " attempt(s) in " + elapsedMs + " ms, last failure: " + lastFailure,
        lastCause);
  }

  /** Exponential backoff with jitter, so clients restarted together do not retry in step. */
  private long backoffNanos(final int attemptsSoFar) {
    final long initial = settings.initialBackoff().toNanos();
    final long max = settings.maxBackoff().toNanos();
    final int shift = Math.min(attemptsSoFar - 1, 30);
    final long exponential = initial > (max >> shift) ? max : Math.min(max, initial << shift);
    if (exponential <= 1) {
      return exponential;
    }
    final long half = exponential / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  private Duration retryAfter(final HttpResponse<String> response) {
    final Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      final long seconds = Long.parseLong(header.get().strip());
      return Duration.ofSeconds(Math.max(0, Math.min(seconds, settings.maxBackoff().toSeconds())));
    } catch (final NumberFormatException e) {
      // An HTTP date instead of seconds: plain backoff is good enough.
      return Duration.ZERO;
    }
  }

  private static String encode(final String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, String schemaJson) {
  }

  /** A non-retried answer of the registry. */
  private record Answer(int status, String body, URI uri) {
    JsonNode expectOk(final String what) {
      if (status < 200 || status >= 300) {
        throw new SchemaRegistryException("schema registry at " + uri + " refused " + what
            + " (HTTP " + status + "): " + message());
      }
      try {
        return JSON.readTree(body);
      } catch (final JsonProcessingException e) {
        throw new SchemaRegistryException("schema registry at " + uri + " answered " + what
            + " with something that is not JSON: " + abbreviate(body), e);
      }
    }

    /** The registry's {@code message} (and {@code error_code}), or the raw body. */
    String message() {
      if (body == null || body.isBlank()) {
        return "(empty body)";
      }
      try {
        final JsonNode json = JSON.readTree(body);
        final String message = json.path("message").asText("");
        if (!message.isEmpty()) {
          final JsonNode code = json.path("error_code");
          return code.isMissingNode() ? message : message + " (error code " + code.asText() + ")";
        }
      } catch (final JsonProcessingException e) {
        // Not JSON (a proxy's HTML error page, say): the raw text says more than the parse error.
        return abbreviate(body);
      }
      return abbreviate(body);
    }

    private static String abbreviate(final String text) {
      return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
  }
}

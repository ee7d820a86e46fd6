package dev.coffer.gateway.requests;

import dev.coffer.service.json.PooledJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Strict, typed reads of one JSON object, the gateway's one body validator: request bodies (through
 * {@link JsonBody}, which adds the API's shapes) and store payloads (receipts, notifications) alike.
 * Every missing or mistyped field becomes the caller's exception ({@link Failures}) naming the field by
 * its path ({@code purchaseData.orderId}, {@code grants.currencies.gems}). Duplicate keys are refused
 * (two readers of the same signed bytes must never see different values), as are NaN and deep nesting.
 *
 * @param <E> what a problem is thrown as
 */
public final class JsonReader<E extends Exception> {
  /** What kind of problem a failure is. */
  public enum Problem {
    /** The text is not one JSON object. */
    MALFORMED,
    /** A required field is absent. */
    MISSING,
    /** A field has the wrong type, shape, length or range. */
    INVALID
  }

  /**
   * Turns a problem into the caller's exception.
   *
   * @param <E> the exception
   */
  @FunctionalInterface
  public interface Failures<E extends Exception> {
    /** The exception for {@code problem}, with a detail naming the field; {@code cause} is nullable. */
    E of(Problem problem, String detail, Throwable cause);
  }

  private static final JsonMapper MAPPER = PooledJson.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(32).maxNumberLength(40).maxStringLength(1_000_000).build());
  }

  private final JsonNode node;
  private final Failures<E> failures;
  private final String path;

  private JsonReader(final JsonNode node, final Failures<E> failures, final String path) {
    this.node = node;
    this.failures = failures;
    this.path = path;
  }

  /**
   * Parses {@code json} as one JSON object.
   *
   * @param json the text
   * @param failures what problems are thrown as
   * @param what what the text is, for messages ({@code purchaseData}); its fields are named under it
   * @throws E ({@link Problem#MALFORMED}) if the text is empty or not one JSON object
   */
  public static <E extends Exception> JsonReader<E> parse(final String json, final Failures<E> failures,
                                                          final String what) throws E {
    return parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8), failures, what);
  }

  /** As {@link #parse(String, Failures, String)}, of UTF-8 bytes. */
  public static <E extends Exception> JsonReader<E> parse(final byte[] json, final Failures<E> failures,
                                                          final String what) throws E {
    Objects.requireNonNull(failures, "failures");
    if (json == null || json.length == 0 || new String(json, StandardCharsets.UTF_8).isBlank()) {
      throw failures.of(Problem.MALFORMED, what + " is empty; a JSON object is expected", null);
    }
    final JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (final JsonProcessingException e) {
      throw failures.of(Problem.MALFORMED, what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (final IOException e) {
      throw failures.of(Problem.MALFORMED, what + " cannot be read", e);
    }
    if (node == null || !node.isObject()) {
      throw failures.of(Problem.MALFORMED, what + " is not a JSON object", null);
    }
    return new JsonReader<>(node, failures, what);
  }

  /**
   * Reads a node that must be an object (a nested object, a row of a list).
   *
   * @param path its name in messages ({@code rows[3]})
   * @throws E ({@link Problem#INVALID}) if it is not an object
   */
  public static <E extends Exception> JsonReader<E> of(final JsonNode node, final Failures<E> failures,
                                                       final String path) throws E {
    if (node == null || !node.isObject()) {
      throw failures.of(Problem.INVALID, path + " must be an object", null);
    }
    return new JsonReader<>(node, failures, path);
  }

  /** The underlying object. */
  public JsonNode node() {
    return node;
  }

  /** The full name of a field of this object. */
  public String at(final String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Whether the field is present and not null. */
  public boolean has(final String field) {
    return node.hasNonNull(field);
  }

  /** The field's value; null when absent or null. */
  public JsonNode value(final String field) {
    return has(field) ? node.get(field) : null;
  }

  /** The nested object {@code field}; null when absent. */
  public JsonReader<E> optionalObject(final String field) throws E {
    return has(field) ? of(node.get(field), failures, at(field)) : null;
  }

  /** The nested object {@code field}. */
  public JsonReader<E> object(final String field) throws E {
    if (!has(field)) {
      throw missing(field);
    }
    return of(node.get(field), failures, at(field));
  }

  /** The non-empty string {@code field}. */
  public String text(final String field) throws E {
    final String value = optionalText(field);
    if (value == null || value.isEmpty()) {
      throw invalid(field, "must be a non-empty string");
    }
    return value;
  }

  /** The string {@code field}; null when absent. */
  public String optionalText(final String field) throws E {
    final JsonNode value = value(field);
    if (value != null && !value.isTextual()) {
      throw invalid(field, "must be a string");
    }
    return value == null ? null : value.textValue();
  }

  /** The array of strings {@code field}. */
  public List<String> texts(final String field) throws E {
    final JsonNode value = value(field);
    if (value == null || !value.isArray()) {
      throw invalid(field, "must be an array of strings");
    }
    final List<String> texts = new ArrayList<>(value.size());
    for (final JsonNode element : value) {
      if (!element.isTextual()) {
        throw invalid(field, "must be an array of strings");
      }
      texts.add(element.textValue());
    }
    return List.copyOf(texts);
  }

  /** The integral number {@code field}, within {@code long} range. */
  public long integer(final String field) throws E {
    final Long value = optionalInteger(field);
    if (value == null) {
      throw invalid(field, "must be an integer");
    }
    return value;
  }

  /** The integral number {@code field} within {@code long} range; null when absent. */
  public Long optionalInteger(final String field) throws E {
    final JsonNode value = value(field);
    if (value != null && (!value.isIntegralNumber() || !value.canConvertToLong())) {
      throw invalid(field, "must be an integer");
    }
    return value == null ? null : value.longValue();
  }

  /** An int64 the way protobuf's JSON mapping writes it: a decimal string (a plain number too). */
  public long int64(final String field) throws E {
    final JsonNode value = value(field);
    if (value != null && value.isTextual()) {
      try {
        return Long.parseLong(value.textValue());
      } catch (final NumberFormatException e) {
        throw failures.of(Problem.INVALID, at(field) + " must be an integer, was \"" + value.textValue() + "\"", e);
      }
    }
    return integer(field);
  }

  /** A required field is absent. */
  public E missing(final String field) {
    return failures.of(Problem.MISSING, at(field) + " is required", null);
  }

  /** A field is wrong: {@code message} says how ({@code must be a string}). */
  public E invalid(final String field, final String message) {
    return failures.of(Problem.INVALID, at(field) + " " + message, null);
  }
}

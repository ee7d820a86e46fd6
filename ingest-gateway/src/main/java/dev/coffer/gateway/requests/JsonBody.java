package dev.coffer.gateway.requests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JSON object of a request, read field by field on the gateway's one body validator
 * ({@link JsonReader}, strict JSON): every accessor checks presence, type, shape, length and range,
 * and throws a {@link ProblemException} naming the field ({@code grants.currencies.gems}): 400
 * {@code MALFORMED_BODY}, {@code MISSING_FIELD}, {@code INVALID_FIELD}. {@link #only} refuses unknown
 * fields ({@code UNKNOWN_FIELD}).
 */
public final class JsonBody {
  /** Ids: catalog, items, currencies, instances, idempotency keys. No {@code |}: ids are parts of keys. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /** The largest amount or quantity accepted in one request. */
  public static final long MAX_AMOUNT = 1_000_000_000_000L;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
      .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
  /** A request's problems as problem details. */
  static final JsonReader.Failures<ProblemException> FAILURES = (problem, detail, cause) -> {
    final ErrorCode code = switch (problem) {
      case MALFORMED -> ErrorCode.MALFORMED_BODY;
      case MISSING -> ErrorCode.MISSING_FIELD;
      case INVALID -> ErrorCode.INVALID_FIELD;
    };
    return cause == null ? new ProblemException(code, detail)
        : new ProblemException(code.status(), code.name(), detail, cause);
  };

  private final JsonReader<ProblemException> fields;
  private final JsonNode node;

  private JsonBody(final JsonReader<ProblemException> fields) {
    this.fields = fields;
    this.node = fields.node();
  }

  /**
   * Parses a request body that must be a JSON object.
   *
   * @param body the bytes
   * @return the object
   */
  public static JsonBody parse(final byte[] body) {
    // Fields of the body are named from its root ("grants.currencies.gems").
    return of(JsonReader.parse(body, FAILURES, "the body").node(), "");
  }

  /** Wraps a node known to be an object (e.g. a row of a list). */
  public static JsonBody of(final JsonNode node, final String path) {
    return new JsonBody(JsonReader.of(node, FAILURES, path));
  }

  /** The underlying node. */
  public JsonNode node() {
    return node;
  }

  /** Refuses any field not in {@code allowed}. */
  public JsonBody only(final String... allowed) {
    final Set<String> names = Set.of(allowed);
    for (final Iterator<String> it = node.fieldNames(); it.hasNext();) {
      final String name = it.next();
      if (!names.contains(name)) {
        throw new ProblemException(ErrorCode.UNKNOWN_FIELD, at(name) + " is not a field of this request; known: "
            + String.join(", ", allowed));
      }
    }
    return this;
  }

  /** Whether the field is present and not null. */
  public boolean has(final String field) {
    return fields.has(field);
  }

  /** Required text of 1 to {@code maxLength} characters, no control characters. */
  public String text(final String field, final int maxLength) {
    final String value = optionalText(field, maxLength);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** Optional text of 1 to {@code maxLength} characters; null when absent. */
  public String optionalText(final String field, final int maxLength) {
    final String text = fields.optionalText(field);
    if (text == null) {
      return null;
    }
    if (text.isEmpty() || text.length() > maxLength) {
      throw invalid(at(field), "must have 1 to " + maxLength + " characters");
    }
    if (text.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid(at(field), "must not contain control characters");
    }
    return text;
  }

  /** A required id ({@link #ID}). */
  public String id(final String field) {
    final String value = optionalId(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An optional id ({@link #ID}); null when absent. */
  public String optionalId(final String field) {
    final String value = optionalText(field, 128);
    if (value != null && !ID.matcher(value).matches()) {
      throw invalid(at(field), "must be 1 to 128 of letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  /** Checks a path parameter is an id. */
  public static String pathId(final String name, final String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw invalid(name, "must be 1 to 128 of letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  /** A required whole number in [1, {@link #MAX_AMOUNT}]. */
  public long positive(final String field) {
    final Long value = optionalPositive(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An optional whole number in [1, {@link #MAX_AMOUNT}]; null when absent. */
  public Long optionalPositive(final String field) {
    final JsonNode value = fields.value(field);
    return value == null ? null : positiveValue(value, at(field));
  }

  /** An optional integer in [min, max]; null when absent. */
  public Integer optionalInt(final String field, final int min, final int max) {
    final JsonNode value = fields.value(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      throw invalid(at(field), "must be a whole number from " + min + " to " + max);
    }
    return value.intValue();
  }

  /** An optional boolean. */
  public Boolean optionalBoolean(final String field) {
    final JsonNode value = fields.value(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(at(field), "must be true or false");
    }
    return value.booleanValue();
  }

  /** An optional non-negative price: a decimal string or number with at most 6 decimals. */
  public BigDecimal optionalPrice(final String field) {
    final JsonNode value = fields.value(field);
    if (value == null) {
      return null;
    }
    final BigDecimal price;
    try {
      price = value.isTextual() ? new BigDecimal(value.textValue()) : value.isNumber() ? value.decimalValue() : null;
    } catch (final NumberFormatException e) {
      throw invalid(at(field), "must be a decimal number like \"0.99\"");
    }
    if (price == null || price.signum() < 0 || price.stripTrailingZeros().scale() > 6
        || price.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
      throw invalid(at(field), "must be a non-negative decimal with at most 6 decimal places");
    }
    return price.setScale(6, java.math.RoundingMode.UNNECESSARY);
  }

  /** An optional ISO 4217 currency code. */
  public String optionalIsoCurrency(final String field) {
    final String value = optionalText(field, 3);
    if (value != null && !CURRENCIES.contains(value)) {
      throw invalid(at(field), "must be an ISO 4217 currency code such as USD");
    }
    return value;
  }

  /** An optional ISO 3166-1 alpha-2 country code. */
  public String optionalCountry(final String field) {
    final String value = optionalText(field, 2);
    if (value != null && !COUNTRIES.contains(value)) {
      throw invalid(at(field), "must be an ISO 3166-1 alpha-2 country code such as DE");
    }
    return value;
  }

  /** A required nested object. */
  public JsonBody object(final String field) {
    return new JsonBody(fields.object(field));
  }

  /** A required array of 1 to {@code max} objects. */
  public List<JsonBody> objects(final String field, final int max, final ErrorCode tooMany) {
    final JsonNode value = fields.value(field);
    if (value == null) {
      throw missing(field);
    }
    if (!value.isArray() || value.isEmpty()) {
      throw invalid(at(field), "must be a non-empty array");
    }
    if (value.size() > max) {
      throw new ProblemException(tooMany, at(field) + " has " + value.size() + " entries; at most " + max
          + " are allowed");
    }
    final List<JsonBody> list = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      list.add(of(value.get(i), at(field) + "[" + i + "]"));
    }
    return list;
  }

  /** An optional map of id to amount in [1, {@link #MAX_AMOUNT}]; empty when absent. */
  public Map<String, Long> amounts(final String field, final int maxEntries) {
    final Map<String, Long> amounts = new LinkedHashMap<>();
    final JsonNode value = fields.value(field);
    if (value == null) {
      return amounts;
    }
    if (!value.isObject() || value.size() > maxEntries) {
      throw invalid(at(field), "must be an object of at most " + maxEntries + " id: amount entries");
    }
    for (final Map.Entry<String, JsonNode> e : value.properties()) {
      final String name = at(field) + "." + e.getKey();
      if (!ID.matcher(e.getKey()).matches()) {
        throw invalid(name, "is not an id (1 to 128 of letters, digits, '.', '_', ':' or '-')");
      }
      amounts.put(e.getKey(), positiveValue(e.getValue(), name));
    }
    return amounts;
  }

  private static long positiveValue(final JsonNode value, final String name) {
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1
        || value.longValue() > MAX_AMOUNT) {
      throw invalid(name, "must be a whole number from 1 to " + MAX_AMOUNT);
    }
    return value.longValue();
  }

  /** The full name of a field of this object. */
  public String at(final String field) {
    return fields.at(field);
  }

  private ProblemException missing(final String field) {
    return fields.missing(field);
  }

  /** A problem with a field. */
  public static ProblemException invalid(final String name, final String message) {
    return new ProblemException(ErrorCode.INVALID_FIELD, name + " " + message);
  }
}

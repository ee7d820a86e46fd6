package dev.coffer.gateway.receipts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Strict, typed reads of a store's JSON object, where every missing or mistyped field becomes a
 * {@link ReceiptRejectedException} with the caller's "malformed" code and the field's name. Shared by the store
 * verifiers; not a general JSON API.
 */
public final class JsonFields {

    // Duplicate keys would let two readers of the same signed bytes see different values: refuse them.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode object;
    private final RejectionCode malformed;
    private final String what;

    private JsonFields(final JsonNode object, final RejectionCode malformed, final String what) {
        this.object = object;
        this.malformed = malformed;
        this.what = what;
    }

    /**
     * Parses {@code json} as one JSON object.
     *
     * @param json      the text
     * @param malformed the code to reject with (e.g. {@link RejectionCode#MALFORMED_RECEIPT})
     * @param what      what the text is, for messages (e.g. "purchaseData")
     * @return the object's fields
     * @throws ReceiptRejectedException if the text is not a JSON object
     */
    public static JsonFields parse(final String json, final RejectionCode malformed, final String what)
            throws ReceiptRejectedException {
        Objects.requireNonNull(malformed, "malformed");
        if (json == null || json.isBlank()) {
            throw new ReceiptRejectedException(malformed, what + " is empty");
        }
        final JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new ReceiptRejectedException(malformed, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return of(node, malformed, what);
    }

    private static JsonFields of(final JsonNode node, final RejectionCode malformed, final String what)
            throws ReceiptRejectedException {
        if (node == null || !node.isObject()) {
            throw new ReceiptRejectedException(malformed, what + " is not a JSON object");
        }
        return new JsonFields(node, malformed, what);
    }

    /** @return whether the field is present and not null */
    public boolean has(final String field) {
        final JsonNode value = object.get(field);
        return value != null && !value.isNull();
    }

    /**
     * @return the nested object {@code field}, or null when absent
     * @throws ReceiptRejectedException if present but not an object
     */
    public JsonFields optionalObject(final String field) throws ReceiptRejectedException {
        return has(field) ? of(object.get(field), malformed, what + "." + field) : null;
    }

    /**
     * @return the non-empty string {@code field}
     * @throws ReceiptRejectedException if absent, empty or not a string
     */
    public String text(final String field) throws ReceiptRejectedException {
        final String value = optionalText(field);
        if (value == null || value.isEmpty()) {
            throw missing(field, "a non-empty string");
        }
        return value;
    }

    /**
     * @return the string {@code field}, or null when absent or null
     * @throws ReceiptRejectedException if present but not a string
     */
    public String optionalText(final String field) throws ReceiptRejectedException {
        if (!has(field)) {
            return null;
        }
        final JsonNode value = object.get(field);
        if (!value.isTextual()) {
            throw missing(field, "a string");
        }
        return value.textValue();
    }

    /**
     * @return the array of strings {@code field}
     * @throws ReceiptRejectedException if absent, or not an array of strings
     */
    public List<String> texts(final String field) throws ReceiptRejectedException {
        final JsonNode value = object.get(field);
        if (value == null || !value.isArray()) {
            throw missing(field, "an array of strings");
        }
        final List<String> texts = new ArrayList<>(value.size());
        for (final JsonNode element : value) {
            if (!element.isTextual()) {
                throw missing(field, "an array of strings");
            }
            texts.add(element.textValue());
        }
        return List.copyOf(texts);
    }

    /**
     * @return the integral number {@code field}
     * @throws ReceiptRejectedException if absent, not a number, fractional or out of {@code long} range
     */
    public long integer(final String field) throws ReceiptRejectedException {
        final Long value = optionalInteger(field);
        if (value == null) {
            throw missing(field, "an integer");
        }
        return value;
    }

    /**
     * @return the integral number {@code field}, or null when absent
     * @throws ReceiptRejectedException if present but not an integral number within {@code long} range
     */
    public Long optionalInteger(final String field) throws ReceiptRejectedException {
        if (!has(field)) {
            return null;
        }
        final JsonNode value = object.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw missing(field, "an integer");
        }
        return value.longValue();
    }

    /**
     * Reads an int64 the way protobuf's JSON mapping writes it: a decimal string (a plain number is accepted too).
     *
     * @return the value of {@code field}
     * @throws ReceiptRejectedException if absent or not an integer
     */
    public long int64(final String field) throws ReceiptRejectedException {
        if (has(field) && object.get(field).isTextual()) {
            final String text = object.get(field).textValue();
            try {
                return Long.parseLong(text);
            } catch (final NumberFormatException e) {
                throw new ReceiptRejectedException(malformed,
                        what + "." + field + " must be an integer, was \"" + text + "\"", e);
            }
        }
        return integer(field);
    }

    private ReceiptRejectedException missing(final String field, final String expected) {
        return new ReceiptRejectedException(malformed, what + "." + field + " must be " + expected);
    }
}

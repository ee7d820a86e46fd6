package dev.coffer.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The SDK's JSON: tolerant reading (fields and enum symbols a newer server adds are ignored or read as
 * UNKNOWN/null), ISO-8601 instants, no nulls written.
 */
final class Json {
  private final ObjectMapper mapper = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.NON_NULL));

  ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  byte[] bytes(final Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (final IOException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  JsonNode tree(final Object value) {
    return mapper.valueToTree(value);
  }

  <T> T read(final byte[] body, final Class<T> type) throws IOException {
    return mapper.readValue(body, type);
  }

  <T> T read(final byte[] body, final JavaType type) throws IOException {
    return mapper.readValue(body, type);
  }

  JavaType listOf(final Class<?> element) {
    return mapper.getTypeFactory().constructCollectionType(java.util.List.class, element);
  }

  <T> T convert(final JsonNode node, final Class<T> type) {
    return mapper.convertValue(node, type);
  }

  <T> T convert(final JsonNode node, final JavaType type) {
    return mapper.convertValue(node, type);
  }

  <T> T parse(final String text, final Class<T> type) throws IOException {
    return mapper.readValue(text, type);
  }

  /** The body as a tree; an empty object when it is empty or not JSON (e.g. a proxy's HTML page). */
  JsonNode treeOrEmpty(final byte[] body) {
    if (body == null || body.length == 0) {
      return object();
    }
    try {
      final JsonNode node = mapper.readTree(body);
      return node != null && node.isObject() ? node : object();
    } catch (final IOException e) {
      return object();
    }
  }
}

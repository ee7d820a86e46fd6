package dev.coffer.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;

/**
 * A non-retried answer of the schema registry, as {@link RegistryTransport} returns it: the caller
 * judges the status, and this reads the body and the registry's own error message.
 *
 * @param status the HTTP status
 * @param body the response body, as text
 * @param uri the request's address, for error messages
 */
record RegistryAnswer(int status, String body, URI uri) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body as JSON if the status is {@code 2xx}; else a {@link SchemaRegistryException}. */
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

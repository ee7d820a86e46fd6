package dev.coffer.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON Schema of the apps file, {@code apps.schema.json} at the root of this module's jar: the
 * file's structural rules and its reference documentation (every property is described there).
 */
final class AppsSchema {
  /** The schema's classpath resource. */
  static final String RESOURCE = "/apps.schema.json";
  /** Keywords whose error names a property of the object at the error's location. */
  private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "propertyNames",
      "dependentRequired", "unevaluatedProperties");
  private static final Schema SCHEMA = load();

  private AppsSchema() {
  }

  private static Schema load() {
    final SchemaRegistryConfig config = SchemaRegistryConfig.builder().errorMessageKeyword("message").build();
    final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(config));
    try (InputStream in = AppsSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the apps schema " + RESOURCE + " is missing from the classpath");
      }
      return registry.getSchema(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the apps schema", e);
    }
  }

  /** Adds a problem for every rule of the schema that {@code file} breaks. */
  static void validate(final JsonNode file, final Problems problems) {
    for (final Error error : SCHEMA.validate(file)) {
      final StringBuilder key = new StringBuilder(path(error.getInstanceLocation()));
      if (PROPERTY_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null) {
        key.append(key.isEmpty() ? "" : ".").append(error.getProperty());
      }
      problems.add(key.toString(), message(error));
    }
  }

  private static String message(final Error error) {
    if (error.isCustomMessage()) {
      return error.getMessage();
    }
    return switch (error.getKeyword()) {
      case "required" -> "is required";
      case "additionalProperties" -> "unknown key; expected one of " + String.join(", ", knownKeys(error));
      default -> {
        // The library's messages start with the location; the problem names it already.
        final String message = error.getMessage();
        final int colon = message.indexOf(": ");
        yield message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
      }
    };
  }

  /** The keys the object an unknown key was found in may have. */
  private static List<String> knownKeys(final Error error) {
    final String location = error.getSchemaLocation().toString();
    final int hash = location.indexOf('#');
    final String pointer = hash < 0 ? "" : location.substring(hash + 1);
    final String parent = pointer.substring(0, Math.max(pointer.lastIndexOf('/'), 0));
    final List<String> names = new ArrayList<>();
    SCHEMA.getSchemaNode().at(parent + "/properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String path(final NodePath location) {
    final StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      final Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(element);
      }
    }
    return path.toString();
  }
}

package dev.coffer.local.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom resource definitions kept in {@code deploy/k8s/crds/} (Strimzi's own), as JSON schemas: a
 * resource validates against the {@code openAPIV3Schema} of the served version its {@code apiVersion}
 * names. As {@code kubectl apply}'s strict field validation does, a field the schema does not declare
 * is an error, unless the schema keeps unknown fields ({@code x-kubernetes-preserve-unknown-fields}) or
 * describes them ({@code additionalProperties}).
 */
final class CrdSchemas {
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  /** By {@code group/version/kind}: the schema of each served version. */
  private final Map<String, Schema> schemas = new HashMap<>();

  CrdSchemas(final List<Path> crdFiles) {
    for (final Path file : crdFiles) {
      for (final JsonNode crd : Manifests.yamlDocuments(file)) {
        if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
          continue;
        }
        final String group = crd.path("spec").path("group").asText();
        final String kind = crd.path("spec").path("names").path("kind").asText();
        for (final JsonNode version : crd.path("spec").path("versions")) {
          if (version.path("served").asBoolean()) {
            final JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
            schemas.put(group + "/" + version.path("name").asText() + "/" + kind, SCHEMAS.getSchema(schema));
          }
        }
      }
    }
  }

  /** How many served versions of how many kinds were read. */
  int size() {
    return schemas.size();
  }

  /**
   * The problems of {@code resource} against its CRD, one line each; empty when it is valid.
   *
   * @return empty if no kept CRD serves the resource's apiVersion and kind
   */
  Optional<List<String>> problems(final JsonNode resource) {
    final String key = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
    final Schema schema = schemas.get(key);
    if (schema == null) {
      return Optional.empty();
    }
    final List<Error> errors = schema.validate(resource);
    return Optional.of(errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList());
  }

  /** Adds {@code additionalProperties: false} wherever an object's fields are all declared. */
  private static JsonNode strict(final JsonNode schema) {
    if (schema.isObject()) {
      final ObjectNode node = (ObjectNode) schema;
      if (node.has("properties") && !node.has("additionalProperties")
          && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        node.put("additionalProperties", false);
      }
      node.properties().forEach(e -> strict(e.getValue()));
    } else if (schema.isArray()) {
      schema.forEach(CrdSchemas::strict);
    }
    return schema;
  }
}

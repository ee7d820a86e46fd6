package dev.coffer.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The schema is the apps file's reference: it must describe every key, and agree with the records
 * the file binds to, so that a setting is added as one record component plus one schema property.
 */
class AppsSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void describesEveryProperty() throws IOException {
    final List<String> undescribed = new ArrayList<>();
    undescribed(schema(), "#", undescribed);

    assertThat(undescribed).as("schema properties without a description").isEmpty();
  }

  @Test
  void agreesWithTheRecordsTheFileBindsTo() throws IOException {
    final JsonNode schema = schema();
    final Map<Class<?>, Set<String>> described = new LinkedHashMap<>();
    final List<String> mismatches = new ArrayList<>();
    walk(JSON.constructType(AppsFile.class), schema, schema, "#", described, mismatches);
    for (final Map.Entry<Class<?>, Set<String>> entry : described.entrySet()) {
      for (final String name : propertyNames(JSON.constructType(entry.getKey())).keySet()) {
        if (!entry.getValue().contains(name)) {
          mismatches.add(entry.getKey().getSimpleName() + "." + name + " is in no schema object bound to it");
        }
      }
    }

    assertThat(described).containsKeys(StoreSettings.AppleStore.class, InitialCatalog.Grants.class, ApiKey.class);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void theCommentedExampleAndTheShippedAppsFilesFollowIt() throws IOException {
    final Path root = Path.of("").toAbsolutePath().getParent();
    for (final Path file : List.of(root.resolve("ingest-gateway/src/main/resources/apps.example.yaml"),
        root.resolve("deploy/local/src/main/resources/dev/coffer/local/apps.local.yaml"),
        root.resolve("deploy/compose/config/apps.yaml"))) {
      final Problems problems = new Problems();
      AppsSchema.validate(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)), problems);

      assertThat(problems.isEmpty()).as(file + " follows the schema").isTrue();
    }
  }

  private static JsonNode schema() throws IOException {
    try (InputStream in = AppsSchema.class.getResourceAsStream(AppsSchema.RESOURCE)) {
      return JSON.readTree(in);
    }
  }

  private static void undescribed(final JsonNode node, final String at, final List<String> found) {
    if (node.isObject()) {
      for (final String section : List.of("properties", "$defs")) {
        node.path(section).properties().forEach(p -> {
          if (!p.getValue().path("description").isTextual()) {
            found.add(at + "/" + section + "/" + p.getKey());
          }
        });
      }
      // The conditions of if/then name properties described where they are declared.
      node.properties().stream().filter(p -> !p.getKey().equals("if"))
          .forEach(p -> undescribed(p.getValue(), at + "/" + p.getKey(), found));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        undescribed(node.get(i), at + "/" + i, found);
      }
    }
  }

  /** Walks a record and the schema object it binds from, down through nested records. */
  private static void walk(final JavaType type, final JsonNode object, final JsonNode schema, final String at,
                           final Map<Class<?>, Set<String>> described, final List<String> mismatches) {
    final Map<String, JavaType> properties = propertyNames(type);
    final Set<String> seen = described.computeIfAbsent(type.getRawClass(), c -> new LinkedHashSet<>());
    object.path("properties").properties().forEach(p -> {
      final JavaType propertyType = properties.get(p.getKey());
      if (propertyType == null) {
        mismatches.add(at + "/properties/" + p.getKey() + " has no component in " + type.getRawClass().getSimpleName());
        return;
      }
      seen.add(p.getKey());
      JsonNode node = resolve(p.getValue(), schema);
      JavaType element = propertyType;
      if (propertyType.isCollectionLikeType()) {
        element = propertyType.getContentType();
        node = resolve(node.path("items"), schema);
      }
      if (element.getRawClass().isRecord()) {
        walk(element, node, schema, at + "/properties/" + p.getKey(), described, mismatches);
      }
    });
  }

  private static JsonNode resolve(final JsonNode node, final JsonNode schema) {
    final JsonNode ref = node.path("$ref");
    return ref.isTextual() ? resolve(schema.at(ref.asText().substring(1)), schema) : node;
  }

  private static Map<String, JavaType> propertyNames(final JavaType type) {
    final BeanDescription description = JSON.getDeserializationConfig().introspect(type);
    final Map<String, JavaType> names = new LinkedHashMap<>();
    for (final BeanPropertyDefinition property : description.findProperties()) {
      names.put(property.getName(), property.getPrimaryType());
    }
    return names;
  }
}

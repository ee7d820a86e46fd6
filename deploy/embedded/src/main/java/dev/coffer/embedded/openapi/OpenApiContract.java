package dev.coffer.embedded.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.service.outcome.OutcomeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A service's OpenAPI document as the tests hold it to: loaded from the service's classpath, with the
 * checks every service's tests share.
 */
public final class OpenApiContract {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String name;
  private final String text;
  private final JsonNode document;

  private OpenApiContract(final String name, final String text, final JsonNode document) {
    this.name = name;
    this.text = text;
    this.document = document;
  }

  /**
   * Loads a document from the classpath.
   *
   * @param resource the absolute classpath resource, e.g. {@code /openapi.yaml}
   * @return the document
   */
  public static OpenApiContract load(final String resource) {
    return new OpenApiContract(resource, read(resource), tree(read(resource), resource));
  }

  /** The document's classpath resource. */
  public String name() {
    return name;
  }

  /** The document as YAML text. */
  public String text() {
    return text;
  }

  /** The document as a tree. */
  public JsonNode document() {
    return document;
  }

  /** The schema {@code components/schemas/<schema>}, or a missing node. */
  public JsonNode schema(final String schema) {
    return document.path("components").path("schemas").path(schema);
  }

  /**
   * The schemas of the outcome JSON ({@link OutcomeJson#SCHEMAS_RESOURCE}, the service kit's) that this
   * document lacks or carries differently: empty when it carries every one word for word.
   */
  public List<String> outcomeSchemaDrift() {
    final JsonNode shared = tree(read(OutcomeJson.SCHEMAS_RESOURCE), OutcomeJson.SCHEMAS_RESOURCE);
    final List<String> drift = new ArrayList<>();
    shared.fieldNames().forEachRemaining(schema -> {
      if (!Objects.equals(shared.get(schema), schema(schema))) {
        drift.add(schema);
      }
    });
    return drift;
  }

  private static String read(final String resource) {
    try (InputStream in = OpenApiContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static JsonNode tree(final String yaml, final String resource) {
    try {
      return YAML.readTree(yaml);
    } catch (final IOException e) {
      throw new UncheckedIOException(resource + " is not YAML", e);
    }
  }
}

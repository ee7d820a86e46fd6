package dev.coffer.embedded.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.coffer.schemas.outcome.RejectionReason;
import dev.coffer.service.outcome.OutcomeJson;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A service's OpenAPI document as the tests hold the service to: loaded from the service's classpath,
 * checked by a real OpenAPI parser ({@link #parserMessages()}), and the judge of every response the
 * integration tests receive ({@link #check}: the status is documented for the operation, the content type is
 * one it documents, the body matches its schema). {@link #client(HttpClient)} wraps a test's HTTP client so
 * that every response it receives is checked without the test asking.
 *
 * <p>A path the document does not have may only answer 404 or 405 with the document's {@code Problem}.
 */
public final class OpenApiContract {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^/}]+}");
  private static final String PROBLEM = "#/components/schemas/Problem";
  /** The content of an answer to a path or method the document does not have: a Problem. */
  private static final JsonNode PROBLEM_CONTENT = JSON.createObjectNode().set("application/problem+json",
      JSON.createObjectNode().set("schema", JSON.createObjectNode().put("$ref", PROBLEM)));

  private final String name;
  private final String text;
  private final JsonNode document;
  private final List<PathTemplate> paths;
  private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private record PathTemplate(String template, Pattern pattern, int parameters) {
  }

  private OpenApiContract(final String name, final String text, final JsonNode document) {
    this.name = name;
    this.text = text;
    this.document = document;
    final List<PathTemplate> templates = new ArrayList<>();
    document.path("paths").fieldNames().forEachRemaining(template -> templates.add(new PathTemplate(template,
        Pattern.compile(TEMPLATE_PARAMETER.matcher(Pattern.quote(template)).replaceAll("\\\\E[^/]+\\\\Q")),
        (int) TEMPLATE_PARAMETER.matcher(template).results().count())));
    // A literal segment wins over a parameter (/events/stream before /events/{eventId}).
    templates.sort((a, b) -> Integer.compare(a.parameters(), b.parameters()));
    this.paths = List.copyOf(templates);
  }

  /**
   * Loads a document from the classpath.
   *
   * @param resource the absolute classpath resource, e.g. {@code /openapi.yaml}
   * @return the document
   */
  public static OpenApiContract load(final String resource) {
    final String yaml = read(resource);
    return new OpenApiContract(resource, yaml, tree(yaml, resource));
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
   * What swagger-parser (a real OpenAPI 3.1 parser, resolving every internal reference) finds wrong with the
   * document: empty when it parses cleanly.
   */
  public List<String> parserMessages() {
    final ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    final SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    final List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
    if (result.getOpenAPI() == null) {
      messages.add("the parser read no OpenAPI document from " + name);
    } else if (result.getOpenAPI().getPaths() == null || result.getOpenAPI().getPaths().isEmpty()) {
      messages.add("the parser found no paths in " + name);
    }
    return messages;
  }

  /**
   * Everything wrong with the document itself: what the parser finds ({@link #parserMessages()}), the outcome
   * schemas it carries differently from the kit's ({@link #outcomeSchemaDrift()}), and a {@code RejectionReason}
   * enum that is not the Avro enum's symbols. Empty for a sound document of a Coffer service.
   */
  public List<String> documentProblems() {
    final List<String> problems = new ArrayList<>(parserMessages());
    outcomeSchemaDrift().forEach(schema -> problems.add("components/schemas/" + schema
        + " differs from the service kit's " + OutcomeJson.SCHEMAS_RESOURCE));
    final List<String> listed = new ArrayList<>();
    schema("RejectionReason").path("enum").forEach(symbol -> listed.add(symbol.asText()));
    final List<String> symbols = Arrays.stream(RejectionReason.values()).map(Enum::name).toList();
    if (!listed.equals(symbols)) {
      problems.add("components/schemas/RejectionReason lists " + listed + ", the outcome's Avro enum " + symbols);
    }
    return problems;
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

  /**
   * What is wrong with a response, by this document.
   *
   * @param method the request's method
   * @param uri the request's URI (its path decides the operation; the query is ignored)
   * @param status the response's status
   * @param contentType the response's {@code Content-Type}, or {@code null}
   * @param body the response's body as text; {@code null} when the test did not read it as text (a stream)
   * @return every violation, empty when the response keeps the document's promises
   */
  public List<String> check(final String method, final URI uri, final int status, final String contentType,
                            final String body) {
    final String path = uri.getRawPath();
    final String what = method + " " + path + " -> " + status;
    final PathTemplate template = paths.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst()
        .orElse(null);
    if (template == null) {
      if (status != 404 && status != 405) {
        return List.of(what + ": the path is not in " + name + " (only 404 or 405 may answer it)");
      }
      return checkContent(what, PROBLEM_CONTENT, contentType, body);
    }
    final JsonNode operation = document.path("paths").path(template.template())
        .path(method.toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      if (status == 405 || status == 404) {
        return checkContent(what, PROBLEM_CONTENT, contentType, body);
      }
      return List.of(what + ": " + name + " has no " + method + " " + template.template());
    }
    final JsonNode responses = operation.path("responses");
    JsonNode response = responses.path(Integer.toString(status));
    if (response.isMissingNode()) {
      response = responses.path(status / 100 + "XX");
    }
    if (response.isMissingNode()) {
      response = responses.path("default");
    }
    if (response.isMissingNode()) {
      return List.of(what + ": status " + status + " is not documented for " + method + " " + template.template()
          + " in " + name);
    }
    return checkContent(what + " (" + template.template() + ")", resolve(response).path("content"), contentType,
        body);
  }

  /**
   * A client that checks every response it receives against this document ({@link #check}) and fails the
   * test, with an {@link AssertionError} naming every violation, when one breaks a promise.
   *
   * @param delegate the client that sends the requests
   * @return the checking client
   */
  public HttpClient client(final HttpClient delegate) {
    return new CheckedHttpClient(delegate, uri -> this);
  }

  private List<String> checkContent(final String what, final JsonNode content, final String contentType,
                                    final String body) {
    final boolean empty = body != null && body.isEmpty();
    if (content.isMissingNode() || content.isEmpty()) {
      return empty || body == null && contentType == null ? List.of()
          : List.of(what + ": the document gives this answer no body, but it came with "
              + (contentType == null ? "a body" : contentType));
    }
    if (contentType == null) {
      return empty ? List.of(what + ": no body, the document promises " + names(content))
          : List.of(what + ": no Content-Type, the document promises " + names(content));
    }
    final String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    final JsonNode media = content.path(mediaType);
    if (media.isMissingNode()) {
      return List.of(what + ": Content-Type " + mediaType + " is not among " + names(content));
    }
    final JsonNode schema = media.path("schema");
    if (schema.isMissingNode() || body == null || !(mediaType.endsWith("/json") || mediaType.endsWith("+json"))) {
      return List.of();
    }
    final JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (final IOException e) {
      return List.of(what + ": the body is not JSON: " + e.getMessage());
    }
    final List<String> violations = new ArrayList<>();
    for (final Error error : compile(schema).validate(json)) {
      violations.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
    }
    if (!violations.isEmpty()) {
      violations.add("  the body: " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body));
    }
    return violations;
  }

  /**
   * The schema of a response body as a schema of its own: the schema's keywords, with the document's
   * components beside them so that its {@code #/components/...} references resolve.
   */
  private Schema compile(final JsonNode schema) {
    return compiled.computeIfAbsent(schema.toString(), key -> {
      final ObjectNode root = schema.deepCopy();
      root.set("components", document.path("components").deepCopy());
      return schemas.getSchema(SchemaLocation.of("https://coffer.dev/openapi" + name), root);
    });
  }

  /** Follows a {@code $ref} to a response of {@code components/responses}. */
  private JsonNode resolve(final JsonNode node) {
    final JsonNode ref = node.path("$ref");
    return ref.isTextual() && ref.asText().startsWith("#/") ? document.at(ref.asText().substring(1)) : node;
  }

  private static String names(final JsonNode content) {
    final List<String> names = new ArrayList<>();
    final Iterator<String> it = content.fieldNames();
    it.forEachRemaining(names::add);
    return String.join(", ", names);
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

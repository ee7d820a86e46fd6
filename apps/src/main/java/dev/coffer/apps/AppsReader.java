package dev.coffer.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Loads the apps file in three passes, each reporting every problem it finds with its path: the
 * JSON Schema ({@link AppsSchema}), then Jackson binding to records (secrets read from the
 * environment, RSA keys and certificates parsed: {@link SettingText}, {@link CertificateReference}),
 * then the checks across entries ({@link AppsFile#check}).
 */
final class AppsReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper BINDER = JsonMapper.builder()
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .addModule(new SimpleModule("coffer-apps").addDeserializer(String.class, new SettingText()))
      .build();
  private static final String PROBLEMS = "coffer.problems";
  private static final String ENV = "coffer.env";
  private static final String BASE_DIR = "coffer.baseDir";

  private AppsReader() {
  }

  /**
   * @param yaml the file's text
   * @param baseDir the folder relative file paths are resolved against; nullable
   * @param env the environment {@code env:NAME} secrets are read from
   * @return the apps, in file order
   * @throws AppsConfigException listing every problem found
   */
  static List<App> read(final String yaml, final Path baseDir, final UnaryOperator<String> env) {
    final JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (final JsonProcessingException e) {
      throw new AppsConfigException(Problems.FILE, "not valid YAML: " + e.getOriginalMessage(), e);
    }
    final Problems problems = new Problems();
    if (tree == null || tree.isMissingNode()) {
      problems.add(Problems.FILE, "is empty; it must be a map with key apps");
      problems.throwIfAny(null);
    }
    AppsSchema.validate(tree, problems);
    problems.throwIfAny(null);
    final AppsFile file;
    try {
      file = BINDER.readerFor(AppsFile.class)
          .withAttribute(PROBLEMS, problems)
          .withAttribute(ENV, env)
          .withAttribute(BASE_DIR, baseDir)
          .readValue(tree);
    } catch (final JsonMappingException e) {
      // Binding stops at such a failure; report it with what was found before it.
      problems.add(Problems.path(e), e.getOriginalMessage());
      throw problems.toException(e);
    } catch (final IOException e) {
      throw new AppsConfigException(Problems.FILE, "cannot be read: " + e.getMessage(), e);
    }
    file.check(problems);
    problems.throwIfAny(null);
    return file.apps().stream().map(AppsFile.Entry::toApp).toList();
  }

  static Problems problems(final DeserializationContext ctxt) {
    return (Problems) ctxt.getAttribute(PROBLEMS);
  }

  @SuppressWarnings("unchecked")
  static UnaryOperator<String> env(final DeserializationContext ctxt) {
    return (UnaryOperator<String>) ctxt.getAttribute(ENV);
  }

  static Path baseDir(final DeserializationContext ctxt) {
    return (Path) ctxt.getAttribute(BASE_DIR);
  }
}

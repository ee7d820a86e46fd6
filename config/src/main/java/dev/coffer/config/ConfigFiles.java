package dev.coffer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads a configuration file (YAML with flat or nested keys, or properties) into flat dotted keys. */
final class ConfigFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigFiles() {
  }

  /** The origin every value of {@code file} is reported with. */
  static String origin(final Path file) {
    return "file " + file.getFileName();
  }

  /**
   * @throws ConfigException for an unsupported file type or a YAML list
   * @throws UncheckedIOException if the file cannot be read or parsed
   */
  static Map<String, Setting> read(final Path file, final ConfigSpec spec) {
    final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    final Map<String, Setting> settings = new TreeMap<>();
    final String origin = origin(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (name.endsWith(".properties")) {
        final Properties props = new Properties();
        props.load(in);
        props.stringPropertyNames().forEach(k -> settings.put(k, new Setting(props.getProperty(k), origin)));
        return settings;
      }
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        final JsonNode root = YAML.readTree(in);
        if (root != null && !root.isMissingNode() && !root.isNull()) {
          flatten("", root, settings, file, spec);
        }
        return settings;
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + spec.subject() + " configuration " + file, e);
    }
    throw spec.exception(file.toString(), List.of(new ConfigException.Problem(
        "(file)", null, "unsupported file type; use .yaml, .yml or .properties")));
  }

  private static void flatten(final String prefix, final JsonNode node, final Map<String, Setting> out,
                              final Path file, final ConfigSpec spec) {
    if (node.isObject()) {
      for (final Map.Entry<String, JsonNode> f : node.properties()) {
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out, file, spec);
      }
    } else if (node.isValueNode()) {
      out.put(prefix, new Setting(node.isNull() ? "" : node.asText(), origin(file)));
    } else {
      throw spec.exception(file.toString(), List.of(new ConfigException.Problem(
          prefix, origin(file), "lists are not supported; use a comma-separated string")));
    }
  }
}

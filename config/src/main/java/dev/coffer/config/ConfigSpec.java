package dev.coffer.config;

import dev.coffer.config.ConfigException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * What one service's configuration looks like: its typed keys with their defaults, how environment
 * variables name them, an optional pass-through prefix, and the exception it fails with. Reading a file
 * or a map through it gives the {@link ConfigValues} the service builds its typed record from.
 *
 * <p>Keys are flat and dotted ({@code http.port}); YAML may nest them. With {@link
 * Builder#envPrefix(String)}, every key can be overridden by the variable prefix + the key upper-cased
 * with {@code .} and {@code -} as {@code _} ({@code http.port} &rarr; {@code COFFER_LEDGER_HTTP_PORT}),
 * pass-through keys by prefix + e.g. {@code KAFKA_SESSION_TIMEOUT_MS} ({@code _} &rarr; {@code .}), and
 * any other variable with the prefix is an error (except prefix + {@code CONFIG}, which names the file).
 * Unknown keys are errors too: a typo must stop the deployment, not be silently ignored.
 */
public final class ConfigSpec {
  private final String subject;
  private final Map<String, String> defaults;
  private final String envPrefix;
  private final Map<String, String> envNames;
  private final String passthroughPrefix;
  private final BiFunction<String, List<Problem>, ? extends ConfigException> exceptions;

  private ConfigSpec(final Builder b) {
    this.subject = b.subject;
    this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(b.defaults));
    this.envPrefix = b.envPrefix;
    this.envNames = Map.copyOf(b.envNames);
    this.passthroughPrefix = b.passthroughPrefix;
    this.exceptions = b.exceptions != null ? b.exceptions
        : (source, problems) -> new ConfigException(b.subject, source, problems);
  }

  /**
   * Starts a spec.
   *
   * @param subject whose configuration it is, as messages name it ({@code ledger})
   * @return a builder
   */
  public static Builder builder(final String subject) {
    return new Builder(subject);
  }

  /** Whose configuration this is ({@code ledger}). */
  public String subject() {
    return subject;
  }

  /** Every typed key, in declaration order. */
  public Set<String> keys() {
    return defaults.keySet();
  }

  /** The default of {@code key}, or {@code null} if it has none. */
  public String defaultOf(final String key) {
    return defaults.get(key);
  }

  /** The pass-through prefix ({@code kafka.}), or {@code null}. */
  public String passthroughPrefix() {
    return passthroughPrefix;
  }

  /**
   * The environment variable that overrides {@code key}.
   *
   * @param key a typed key, or a pass-through key when the spec has an env prefix
   * @return e.g. {@code COFFER_LEDGER_BOOTSTRAP_SERVERS}, or {@code null} if nothing overrides it
   */
  public String envName(final String key) {
    if (envPrefix == null) {
      return envNames.get(key);
    }
    return envPrefix + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The variable naming the configuration file: the env prefix + {@code CONFIG}, or {@code null}. */
  public String configFileEnv() {
    return envPrefix == null ? null : envPrefix + "CONFIG";
  }

  ConfigException exception(final String source, final List<Problem> problems) {
    return exceptions.apply(source, problems);
  }

  /**
   * Reads a YAML ({@code .yaml}, {@code .yml}) or properties file and applies the environment's overrides.
   *
   * @param file the file, or {@code null} for none (defaults and environment only)
   * @param env the environment, usually {@link System#getenv()}
   * @return the values to build the typed configuration from
   * @throws ConfigException (of this spec's type) for an unsupported file type or a YAML list
   * @throws java.io.UncheckedIOException if the file cannot be read or parsed
   */
  public ConfigValues load(final Path file, final Map<String, String> env) {
    final Map<String, Setting> settings = file == null ? new TreeMap<>() : ConfigFiles.read(file, this);
    return withEnv(file == null ? null : file.toString(), settings, env);
  }

  /**
   * Takes settings given as a map (an embedding program, tests), with the environment's overrides.
   *
   * @param values keys as in the file
   * @param origin what messages say the values came from ({@code settings}), or {@code null} for nothing
   * @param env the environment, or {@code null} to ignore it
   * @return the values to build the typed configuration from
   */
  public ConfigValues fromMap(final Map<String, String> values, final String origin, final Map<String, String> env) {
    final Map<String, Setting> settings = new TreeMap<>();
    values.forEach((k, v) -> settings.put(k, new Setting(v, origin)));
    return withEnv(null, settings, env == null ? Map.of() : env);
  }

  private ConfigValues withEnv(final String source, final Map<String, Setting> settings,
                               final Map<String, String> env) {
    final List<Problem> problems = new ArrayList<>();
    if (envPrefix == null) {
      envNames.forEach((key, name) -> {
        final String value = env.get(name);
        if (value != null) {
          settings.put(key, new Setting(value, "env " + name));
        }
      });
    } else {
      for (final Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
        final String name = e.getKey();
        if (!name.startsWith(envPrefix) || name.equals(configFileEnv())) {
          continue;
        }
        final String key = keyOfEnv(name);
        if (key == null) {
          problems.add(new Problem(name, "environment",
              "unknown variable; known keys: " + String.join(", ", keys())));
        } else {
          settings.put(key, new Setting(e.getValue(), "env " + name));
        }
      }
    }
    return new ConfigValues(this, source, settings, problems);
  }

  /** The key a prefixed variable overrides, or {@code null} if none. */
  private String keyOfEnv(final String name) {
    for (final String key : defaults.keySet()) {
      if (envName(key).equals(name)) {
        return key;
      }
    }
    if (passthroughPrefix != null) {
      final String passEnv = envName(passthroughPrefix);
      if (name.startsWith(passEnv) && name.length() > passEnv.length()) {
        // Kafka's own keys are lower-case words joined by dots, so the mapping back is exact.
        return passthroughPrefix + name.substring(passEnv.length()).toLowerCase(Locale.ROOT).replace('_', '.');
      }
    }
    return null;
  }

  /** Builds a {@link ConfigSpec}. */
  public static final class Builder {
    private final String subject;
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> envNames = new LinkedHashMap<>();
    private String envPrefix;
    private String passthroughPrefix;
    private BiFunction<String, List<Problem>, ? extends ConfigException> exceptions;

    private Builder(final String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
    }

    /**
     * Declares a typed key.
     *
     * @param key the key
     * @param defaultValue its default as it would be written in the file; {@code null} for a required
     *     key (or one whose getter treats absence as "unset")
     * @return this
     */
    public Builder key(final String key, final String defaultValue) {
      defaults.put(key, defaultValue);
      return this;
    }

    /**
     * Declares a group of keys kept elsewhere, in its place in the key order (the order messages list them in).
     *
     * @param keys declares the keys on this builder, e.g. {@code b -> StreamsSettings.declare(b, defaults)}
     * @return this
     */
    public Builder with(final UnaryOperator<Builder> keys) {
      return keys.apply(this);
    }

    /** Every key is overridden by {@code prefix} + its upper-cased name; other prefixed variables are errors. */
    public Builder envPrefix(final String prefix) {
      this.envPrefix = prefix;
      return this;
    }

    /** {@code key} is overridden by the variable {@code name} (for variables without a common prefix). */
    public Builder envName(final String key, final String name) {
      envNames.put(key, name);
      return this;
    }

    /** Keys starting with {@code prefix} ({@code kafka.}) are passed through untyped. */
    public Builder passthrough(final String prefix) {
      this.passthroughPrefix = prefix;
      return this;
    }

    /** The exception to fail with, from the file (or {@code null}) and the problems. */
    public Builder exceptions(final BiFunction<String, List<Problem>, ? extends ConfigException> factory) {
      this.exceptions = factory;
      return this;
    }

    /** The spec. */
    public ConfigSpec build() {
      if (envPrefix != null && !envNames.isEmpty()) {
        throw new IllegalStateException("use either an env prefix or explicit env names");
      }
      return new ConfigSpec(this);
    }
  }
}

package dev.coffer.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A service's settings (file, environment, defaults), parsed one key at a time: each getter returns the
 * typed value or, if it is bad, records a problem naming the key and where its value came from instead of
 * failing at the first one. {@link #throwIfInvalid()} then throws one exception listing them all.
 *
 * <p>A blank value counts as unset: the key's default applies, or, for a key without one, it is a problem.
 * Getters return a harmless placeholder for a bad value; check {@link #ok(String...)} before a cross-key
 * rule so that one bad value is not reported twice.
 *
 * <p>This class holds the settings and the problems found; the formats themselves (numbers, sizes,
 * durations, addresses) are parsed by {@code ValueFormats}.
 */
public final class ConfigValues {
  private final ConfigSpec spec;
  private final String source;
  private final Map<String, Setting> settings;
  private final List<ConfigException.Problem> problems;

  ConfigValues(final ConfigSpec spec, final String source, final Map<String, Setting> settings,
               final List<ConfigException.Problem> problems) {
    this.spec = spec;
    this.source = source;
    this.settings = new TreeMap<>(settings);
    this.problems = new ArrayList<>(problems);
    final String pass = spec.passthroughPrefix();
    for (final String key : this.settings.keySet()) {
      if (!spec.keys().contains(key) && (pass == null || !key.startsWith(pass))) {
        problem(key, "unknown key; known keys: " + String.join(", ", spec.keys())
            + (pass == null ? "" : ", and " + pass + "*"));
      }
    }
  }

  /** Every setting given (file, environment, map), by key; defaults are not included. */
  public Map<String, Setting> settings() {
    return Collections.unmodifiableMap(settings);
  }

  /** Where the value of {@code key} came from: its setting's origin, {@code default}, or {@code null}. */
  public String origin(final String key) {
    final Setting s = settings.get(key);
    if (s != null && s.value() != null && !s.value().isBlank()) {
      return s.origin();
    }
    return spec.defaultOf(key) != null ? "default" : s == null ? null : s.origin();
  }

  /** Records a problem with {@code key}, naming where its value came from. */
  public void problem(final String key, final String message) {
    problems.add(new ConfigException.Problem(key, origin(key), message));
  }

  /** Whether none of the keys has a problem yet (so a cross-key rule is meaningful). */
  public boolean ok(final String... keys) {
    for (final String key : keys) {
      if (problems.stream().anyMatch(p -> p.key().equals(key))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Throws if any problem was found.
   *
   * @throws ConfigException (of the spec's type) listing every problem in key order
   */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw spec.exception(source, problems);
    }
  }

  /**
   * The pass-through settings ({@code kafka.*}), without the prefix; raw values.
   *
   * @param refusal for a key without the prefix, why it may not be set, or {@code null} if it may
   * @return key to value, sorted
   */
  public Map<String, String> passthrough(final UnaryOperator<String> refusal) {
    final String pass = spec.passthroughPrefix();
    final Map<String, String> out = new TreeMap<>();
    if (pass == null) {
      return out;
    }
    settings.forEach((key, setting) -> {
      if (key.startsWith(pass)) {
        final String bare = key.substring(pass.length());
        final String refused = bare.isEmpty() ? "names no key after " + pass : refusal.apply(bare);
        if (refused != null) {
          problem(key, refused);
        } else {
          out.put(bare, setting.value());
        }
      }
    });
    return out;
  }

  /** The trimmed value, the default if unset, or {@code null} (and a problem) if it has no default. */
  private String raw(final String key) {
    final Setting s = settings.get(key);
    final String value = s == null ? null : s.value();
    if (value == null || value.isBlank()) {
      final String fallback = spec.defaultOf(key);
      if (fallback == null) {
        final String env = spec.envName(key);
        problem(key, value != null ? "must not be empty"
            : "is required" + (env == null ? "" : " (in the file, or as " + env + ")"));
      }
      return fallback == null ? null : fallback.trim();
    }
    return value.trim();
  }

  /** The value given, trimmed, or {@code null} if unset (no default, no problem). */
  private String optional(final String key) {
    final Setting s = settings.get(key);
    return s == null || s.value() == null || s.value().isBlank() ? null : s.value().trim();
  }

  /**
   * Parses {@code value} of {@code key}, or records why it is bad.
   *
   * @param value the trimmed value, or {@code null} if unset (already reported if required)
   * @param placeholder what an unset or bad value stands in as
   */
  private <T> T parse(final String key, final String value, final T placeholder,
                      final Function<String, ? extends T> format) {
    if (value == null) {
      return placeholder;
    }
    try {
      return format.apply(value);
    } catch (final ValueFormats.BadValue e) {
      problem(key, e.getMessage());
      return placeholder;
    }
  }

  /** Non-blank text. */
  public String text(final String key) {
    return raw(key);
  }

  /** A comma-separated list of {@code host:port}, e.g. Kafka's bootstrap servers; returned as given. */
  public String hostPorts(final String key) {
    return parse(key, raw(key), null, ValueFormats::hostPorts);
  }

  /** One {@code host:port} with a port 1..65535, or {@code null} when unset. */
  public String hostPortOrNull(final String key) {
    return parse(key, optional(key), null, ValueFormats::hostPort);
  }

  /** An absolute {@code http} or {@code https} URL. */
  public URI httpUrl(final String key) {
    return parse(key, raw(key), null, ValueFormats::httpUrl);
  }

  /** A Kafka topic name or application id (letters, digits, {@code .}, {@code _}, {@code -}). */
  public String kafkaName(final String key) {
    return parse(key, raw(key), null, ValueFormats::kafkaName);
  }

  /** A file system path. */
  public Path path(final String key) {
    return parse(key, raw(key), null, ValueFormats::path);
  }

  /** The path of an existing regular file. */
  public Path existingFile(final String key) {
    final Path path = path(key);
    if (path != null && !Files.isRegularFile(path)) {
      problem(key, "no such file: " + path);
    }
    return path;
  }

  /** A whole number in {@code [min, max]}; {@code min} if bad. */
  public int intIn(final String key, final int min, final int max) {
    return (int) longIn(key, min, max);
  }

  /** A whole number in {@code [min, max]}; {@code min} if bad. */
  public long longIn(final String key, final long min, final long max) {
    return parse(key, raw(key), min, value -> ValueFormats.longIn(value, min, max));
  }

  /** A TCP port: 1..65535, or also 0 ("any free one") if {@code zeroForAny}. */
  public int port(final String key, final boolean zeroForAny) {
    return intIn(key, zeroForAny ? 0 : 1, 65_535);
  }

  /** A decimal number in {@code [min, max]}; {@code min} if bad. */
  public double decimalIn(final String key, final double min, final double max) {
    return parse(key, raw(key), min, value -> ValueFormats.decimalIn(value, min, max));
  }

  /** {@code true} or {@code false}, in any case; {@code false} if bad. */
  public boolean bool(final String key) {
    return parse(key, raw(key), false, ValueFormats::bool);
  }

  /**
   * A size in bytes, binary units: {@code 1048576}, {@code 64KiB}, {@code 64MiB}, {@code 1g}.
   *
   * @param min the least allowed
   * @param max the most allowed ({@link Long#MAX_VALUE} for no bound)
   * @return the bytes; {@code min} if bad
   */
  public long bytes(final String key, final long min, final long max) {
    return parse(key, raw(key), min, value -> ValueFormats.bytes(value, min, max));
  }

  /**
   * A positive duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 400d} or ISO-8601
   * {@code PT5S}; {@link Duration#ZERO} if bad.
   */
  public Duration duration(final String key) {
    return parse(key, raw(key), Duration.ZERO, ValueFormats::positiveDuration);
  }

  /** A positive duration, or {@code null} when unset or {@code forever}; {@link Duration#ZERO} if bad. */
  public Duration durationOrForever(final String key) {
    final String value = optional(key);
    return value == null || value.equalsIgnoreCase("forever") ? null
        : parse(key, value, Duration.ZERO, ValueFormats::positiveDuration);
  }

  /** One of {@code type}'s constants, ignoring case, {@code -} for {@code _}; the first constant if bad. */
  public <E extends Enum<E>> E enumValue(final String key, final Class<E> type) {
    return parse(key, raw(key), type.getEnumConstants()[0], value -> ValueFormats.enumValue(value, type));
  }
}

package dev.coffer.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's settings (file, environment, defaults), parsed one key at a time: each getter returns the
 * typed value or, if it is bad, records a problem naming the key and where its value came from instead of
 * failing at the first one. {@link #throwIfInvalid()} then throws one exception listing them all.
 *
 * <p>A blank value counts as unset: the key's default applies, or, for a key without one, it is a problem.
 * Getters return a harmless placeholder for a bad value; check {@link #ok(String...)} before a cross-key
 * rule so that one bad value is not reported twice.
 */
public final class ConfigValues {
  private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

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

  /** Non-blank text. */
  public String text(final String key) {
    return raw(key);
  }

  /** A comma-separated list of {@code host:port}, e.g. Kafka's bootstrap servers; returned as given. */
  public String hostPorts(final String key) {
    final String value = raw(key);
    if (value == null) {
      return null;
    }
    for (final String server : value.split(",", -1)) {
      final Matcher m = HOST_PORT.matcher(server.trim());
      if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
        problem(key, "'" + server.trim() + "' is not host:port (expected host1:port1,host2:port2)");
        return null;
      }
    }
    return value;
  }

  /** One {@code host:port} with a port 1..65535, or {@code null} when unset. */
  public String hostPortOrNull(final String key) {
    final String value = optional(key);
    if (value == null) {
      return null;
    }
    final Matcher m = HOST_PORT.matcher(value);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535 || Integer.parseInt(m.group(2)) == 0) {
      problem(key, "'" + value + "' is not host:port");
      return null;
    }
    return value;
  }

  /** An absolute {@code http} or {@code https} URL. */
  public URI httpUrl(final String key) {
    final String value = raw(key);
    if (value == null) {
      return null;
    }
    try {
      final URI uri = new URI(value);
      final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        problem(key, "'" + value + "' is not an absolute http(s) URL");
        return null;
      }
      return uri;
    } catch (final URISyntaxException e) {
      problem(key, "'" + value + "' is not a URL: " + e.getMessage());
      return null;
    }
  }

  /** A Kafka topic name or application id (letters, digits, {@code .}, {@code _}, {@code -}). */
  public String kafkaName(final String key) {
    final String value = raw(key);
    if (value != null && !KAFKA_NAME.matcher(value).matches()) {
      problem(key, "'" + value + "' may only contain letters, digits, '.', '_' and '-'");
      return null;
    }
    return value;
  }

  /** A file system path. */
  public Path path(final String key) {
    final String value = raw(key);
    if (value == null) {
      return null;
    }
    try {
      return Path.of(value);
    } catch (final InvalidPathException e) {
      problem(key, "'" + value + "' is not a path: " + e.getMessage());
      return null;
    }
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
    final String value = raw(key);
    if (value == null) {
      return min;
    }
    try {
      final long n = Long.parseLong(value);
      if (n < min || n > max) {
        problem(key, "must be between " + min + " and " + max + ", was " + n);
        return min;
      }
      return n;
    } catch (final NumberFormatException e) {
      problem(key, "'" + value + "' is not a whole number");
      return min;
    }
  }

  /** A TCP port: 1..65535, or also 0 ("any free one") if {@code zeroForAny}. */
  public int port(final String key, final boolean zeroForAny) {
    return intIn(key, zeroForAny ? 0 : 1, 65_535);
  }

  /** A decimal number in {@code [min, max]}; {@code min} if bad. */
  public double decimalIn(final String key, final double min, final double max) {
    final String value = raw(key);
    if (value == null) {
      return min;
    }
    try {
      final double n = Double.parseDouble(value);
      if (!(n >= min && n <= max)) {
        problem(key, "must be between " + plain(min) + " and " + plain(max) + ", was " + value);
        return min;
      }
      return n;
    } catch (final NumberFormatException e) {
      problem(key, "'" + value + "' is not a number");
      return min;
    }
  }

  private static String plain(final double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(final String key) {
    final String value = raw(key);
    if (value == null) {
      return false;
    }
    final String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      problem(key, "must be true or false, was " + value);
    }
    return lower.equals("true");
  }

  /**
   * A size in bytes, binary units: {@code 1048576}, {@code 64KiB}, {@code 64MiB}, {@code 1g}.
   *
   * @param min the least allowed
   * @param max the most allowed ({@link Long#MAX_VALUE} for no bound)
   * @return the bytes; {@code min} if bad
   */
  public long bytes(final String key, final long min, final long max) {
    final String value = raw(key);
    if (value == null) {
      return min;
    }
    final Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      problem(key, "'" + value + "' is not a size (e.g. 65536, 64KiB, 256MiB, 1GiB)");
      return min;
    }
    final int shift = switch (m.group(2)) {
      case "k", "kb", "kib" -> 10;
      case "m", "mb", "mib" -> 20;
      case "g", "gb", "gib" -> 30;
      default -> 0;
    };
    try {
      final long n = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      if (n < min || n > max) {
        problem(key, (max == Long.MAX_VALUE ? "must be at least " + min
            : "must be between " + min + " and " + max) + " bytes, was " + n);
        return min;
      }
      return n;
    } catch (final ArithmeticException | NumberFormatException e) {
      problem(key, "'" + value + "' is too large");
      return min;
    }
  }

  /** A positive duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 400d} or ISO-8601 {@code PT5S}. */
  public Duration duration(final String key) {
    return positiveDuration(key, raw(key));
  }

  /** A positive duration, or {@code null} when unset or {@code forever}. */
  public Duration durationOrForever(final String key) {
    final String value = optional(key);
    return value == null || value.equalsIgnoreCase("forever") ? null : positiveDuration(key, value);
  }

  private Duration positiveDuration(final String key, final String value) {
    if (value == null) {
      return Duration.ZERO;
    }
    final Duration d = parseDuration(value);
    if (d == null) {
      problem(key, "'" + value + "' is not a duration (e.g. 500ms, 30s, 400d, PT12H)");
      return Duration.ZERO;
    }
    if (d.isNegative() || d.isZero()) {
      problem(key, "must be positive, was " + value);
      return Duration.ZERO;
    }
    return d;
  }

  /** One of {@code type}'s constants, ignoring case, {@code -} for {@code _}; the first constant if bad. */
  public <E extends Enum<E>> E enumValue(final String key, final Class<E> type) {
    final String value = raw(key);
    final E[] constants = type.getEnumConstants();
    if (value != null) {
      for (final E e : constants) {
        if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
          return e;
        }
      }
      problem(key, "'" + value + "' is not one of " + List.of(constants));
    }
    return constants[0];
  }

  private static Duration parseDuration(final String value) {
    final Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (final DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // Not a duration in either form: the caller reports it, naming the key.
      return null;
    }
  }
}

package dev.coffer.ledger.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the values of {@link LedgerConfig}, one key at a time, recording a {@link
 * LedgerConfigException.Problem} that names the key instead of failing at the first one.
 */
final class ConfigValues {
  private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;
  private final Function<String, String> origins;
  private final List<LedgerConfigException.Problem> problems;

  ConfigValues(final Map<String, String> values, final Function<String, String> origins,
               final List<LedgerConfigException.Problem> problems) {
    this.values = values;
    this.origins = origins;
    this.problems = problems;
  }

  void problem(final String key, final String message) {
    problems.add(new LedgerConfigException.Problem(key, origins.apply(key), message));
  }

  /** Whether none of the keys has a problem yet (so a cross-key check is meaningful). */
  boolean ok(final String... keys) {
    for (final String key : keys) {
      if (problems.stream().anyMatch(p -> p.key().equals(key))) {
        return false;
      }
    }
    return true;
  }

  /** The trimmed value, the default if absent, or {@code null} (and a problem) if required. */
  private String raw(final String key, final String fallback) {
    final String value = values.get(key);
    if (value == null || value.isBlank()) {
      if (fallback == null) {
        problem(key, value == null ? "is required (in the file, or as " + LedgerConfig.envName(key) + ")"
            : "must not be empty");
      }
      return fallback;
    }
    return value.trim();
  }

  String nonBlank(final String key, final String fallback) {
    return raw(key, fallback);
  }

  String bootstrapServers(final String key, final String fallback) {
    final String value = raw(key, fallback);
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

  URI httpUri(final String key, final String fallback) {
    final String value = raw(key, fallback);
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

  String kafkaName(final String key, final String fallback) {
    final String value = raw(key, fallback);
    if (value != null && !KAFKA_NAME.matcher(value).matches()) {
      problem(key, "'" + value + "' may only contain letters, digits, '.', '_' and '-' (it prefixes topic names)");
      return null;
    }
    return value;
  }

  Path path(final String key, final String fallback) {
    final String value = raw(key, fallback);
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

  int intIn(final String key, final String fallback, final int min, final int max) {
    return (int) longIn(key, fallback, min, max);
  }

  long longIn(final String key, final String fallback, final long min, final long max) {
    final String value = raw(key, fallback);
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

  /** A size in bytes: {@code 1048576}, {@code 64MiB}, {@code 1g} (binary units). */
  long bytes(final String key, final String fallback, final long min) {
    final String value = raw(key, fallback);
    if (value == null) {
      return min;
    }
    final Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      problem(key, "'" + value + "' is not a size (e.g. 268435456, 256MiB, 1GiB)");
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
      if (n < min) {
        problem(key, "must be at least " + min + " bytes, was " + n);
        return min;
      }
      return n;
    } catch (final ArithmeticException | NumberFormatException e) {
      problem(key, "'" + value + "' is too large");
      return min;
    }
  }

  /** A positive duration: ISO-8601 ({@code PT30S}, {@code P400D}) or {@code 500ms}, {@code 30s}, {@code 400d}. */
  Duration duration(final String key, final String fallback) {
    final String value = raw(key, fallback);
    if (value == null) {
      return Duration.ZERO;
    }
    final Duration d = parseDuration(value);
    if (d == null) {
      problem(key, "'" + value + "' is not a duration (e.g. 30s, 400d, PT12H)");
      return Duration.ZERO;
    }
    if (d.isNegative() || d.isZero()) {
      problem(key, "must be positive, was " + value);
      return Duration.ZERO;
    }
    return d;
  }

  /** A positive duration, or {@code null} when absent or {@code forever}. */
  Duration durationOrForever(final String key) {
    final String value = values.get(key);
    if (value == null || value.trim().equalsIgnoreCase("forever")) {
      return null;
    }
    return duration(key, null);
  }

  /** {@code host:port}, or {@code null} when absent. */
  String hostPortOrNull(final String key) {
    final String value = values.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    final Matcher m = HOST_PORT.matcher(value.trim());
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535 || Integer.parseInt(m.group(2)) == 0) {
      problem(key, "'" + value.trim() + "' is not host:port");
      return null;
    }
    return value.trim();
  }

  <E extends Enum<E>> E enumValue(final String key, final String fallback, final Class<E> type) {
    final String value = raw(key, fallback);
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
      return null;
    }
  }
}

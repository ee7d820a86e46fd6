package dev.coffer.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text formats of configuration values: each parser takes one trimmed, non-blank value and returns it
 * typed, or throws {@link BadValue} saying what is wrong with it (without the key: {@link ConfigValues}
 * names the key and where the value came from, and decides what a bad or missing value stands in as).
 */
final class ValueFormats {
  private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private ValueFormats() {
  }

  /** A value that is not in its key's format; the message is the problem reported for the key. */
  static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadValue(final String message) {
      super(message, null, false, false);
    }
  }

  /** A comma-separated list of {@code host:port}, returned as given. */
  static String hostPorts(final String value) {
    for (final String server : value.split(",", -1)) {
      final Matcher m = HOST_PORT.matcher(server.trim());
      if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
        throw new BadValue("'" + server.trim() + "' is not host:port (expected host1:port1,host2:port2)");
      }
    }
    return value;
  }

  /** One {@code host:port} with a port 1..65535. */
  static String hostPort(final String value) {
    final Matcher m = HOST_PORT.matcher(value);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535 || Integer.parseInt(m.group(2)) == 0) {
      throw new BadValue("'" + value + "' is not host:port");
    }
    return value;
  }

  /** An absolute {@code http} or {@code https} URL. */
  static URI httpUrl(final String value) {
    try {
      final URI uri = new URI(value);
      final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new BadValue("'" + value + "' is not an absolute http(s) URL");
      }
      return uri;
    } catch (final URISyntaxException e) {
      throw new BadValue("'" + value + "' is not a URL: " + e.getMessage());
    }
  }

  /** A Kafka topic name or application id (letters, digits, {@code .}, {@code _}, {@code -}). */
  static String kafkaName(final String value) {
    if (!KAFKA_NAME.matcher(value).matches()) {
      throw new BadValue("'" + value + "' may only contain letters, digits, '.', '_' and '-'");
    }
    return value;
  }

  /** A file system path. */
  static Path path(final String value) {
    try {
      return Path.of(value);
    } catch (final InvalidPathException e) {
      throw new BadValue("'" + value + "' is not a path: " + e.getMessage());
    }
  }

  /** A whole number in {@code [min, max]}. */
  static long longIn(final String value, final long min, final long max) {
    final long n;
    try {
      n = Long.parseLong(value);
    } catch (final NumberFormatException e) {
      throw new BadValue("'" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new BadValue("must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }

  /** A decimal number in {@code [min, max]}. */
  static double decimalIn(final String value, final double min, final double max) {
    final double n;
    try {
      n = Double.parseDouble(value);
    } catch (final NumberFormatException e) {
      throw new BadValue("'" + value + "' is not a number");
    }
    if (!(n >= min && n <= max)) {
      throw new BadValue("must be between " + plain(min) + " and " + plain(max) + ", was " + value);
    }
    return n;
  }

  private static String plain(final double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** {@code true} or {@code false}, in any case. */
  static boolean bool(final String value) {
    final String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new BadValue("must be true or false, was " + value);
    }
    return lower.equals("true");
  }

  /**
   * A size in bytes, binary units: {@code 1048576}, {@code 64KiB}, {@code 64MiB}, {@code 1g}.
   *
   * @param min the least allowed
   * @param max the most allowed ({@link Long#MAX_VALUE} for no bound)
   */
  static long bytes(final String value, final long min, final long max) {
    final Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new BadValue("'" + value + "' is not a size (e.g. 65536, 64KiB, 256MiB, 1GiB)");
    }
    final int shift = switch (m.group(2)) {
      case "k", "kb", "kib" -> 10;
      case "m", "mb", "mib" -> 20;
      case "g", "gb", "gib" -> 30;
      default -> 0;
    };
    final long n;
    try {
      n = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (final ArithmeticException | NumberFormatException e) {
      throw new BadValue("'" + value + "' is too large");
    }
    if (n < min || n > max) {
      throw new BadValue((max == Long.MAX_VALUE ? "must be at least " + min
          : "must be between " + min + " and " + max) + " bytes, was " + n);
    }
    return n;
  }

  /** A positive duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 400d} or ISO-8601 {@code PT5S}. */
  static Duration positiveDuration(final String value) {
    final Duration d = parseDuration(value);
    if (d == null) {
      throw new BadValue("'" + value + "' is not a duration (e.g. 500ms, 30s, 400d, PT12H)");
    }
    if (d.isNegative() || d.isZero()) {
      throw new BadValue("must be positive, was " + value);
    }
    return d;
  }

  /** One of {@code type}'s constants, ignoring case, {@code -} for {@code _}. */
  static <E extends Enum<E>> E enumValue(final String value, final Class<E> type) {
    final E[] constants = type.getEnumConstants();
    for (final E e : constants) {
      if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
        return e;
      }
    }
    throw new BadValue("'" + value + "' is not one of " + List.of(constants));
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

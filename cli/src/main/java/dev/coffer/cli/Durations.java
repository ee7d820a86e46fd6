package dev.coffer.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** Durations on the command line: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code PT1H}). */
public final class Durations implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(final String value) {
    final String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      }
      if (v.length() < 2) {
        throw new CommandLine.TypeConversionException("not a duration: " + value);
      }
      final long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new CommandLine.TypeConversionException("not a duration (e.g. 90s, 30m, 12h, 7d): " + value);
      };
    } catch (final NumberFormatException | DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("not a duration (e.g. 90s, 30m, 12h, 7d): " + value);
    }
  }
}

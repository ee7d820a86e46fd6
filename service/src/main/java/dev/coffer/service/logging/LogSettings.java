package dev.coffer.service.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The logging settings of every service, read by its {@code logback.xml} from the environment and
 * checked here at start, so that a typo fails the start with the variable's name instead of silently
 * logging nothing: {@value #FORMAT} ({@code text} or {@code json}), {@value #LEVEL} (Coffer's loggers)
 * and {@value #ROOT_LEVEL} (everything else), levels TRACE, DEBUG, INFO, WARN, ERROR or OFF.
 */
public final class LogSettings {
  /** {@code text} (default) or {@code json}. */
  public static final String FORMAT = "COFFER_LOG_FORMAT";
  /** The level of {@code dev.coffer}, default INFO. */
  public static final String LEVEL = "COFFER_LOG_LEVEL";
  /** The level of every other logger, default WARN. */
  public static final String ROOT_LEVEL = "COFFER_LOG_ROOT_LEVEL";
  private static final Set<String> FORMATS = Set.of("text", "json");
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogSettings() {
  }

  /**
   * The problems of the logging variables in {@code env}.
   *
   * @return one line per bad variable; empty if all are fine or unset
   */
  public static List<String> problems(final Map<String, String> env) {
    final List<String> problems = new ArrayList<>();
    final String format = env.get(FORMAT);
    if (format != null && !format.isBlank() && !FORMATS.contains(format)) {
      problems.add(FORMAT + ": must be text or json, was '" + format + "'");
    }
    for (final String name : List.of(LEVEL, ROOT_LEVEL)) {
      final String level = env.get(name);
      if (level != null && !level.isBlank() && !LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
        problems.add(name + ": must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, was '" + level + "'");
      }
    }
    return problems;
  }
}

package dev.coffer.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line flags; unknown names are errors, not ignored. */
public final class Flags {
  private final Map<String, String> values = new HashMap<>();

  /**
   * @param args the command line
   * @param known the accepted names, without {@code --}
   */
  public Flags(final String[] args, final Set<String> known) {
    for (int i = 0; i < args.length; i++) {
      final String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got '" + arg + "'; flags: " + known);
      }
      final String name = arg.substring(2);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + "; flags: " + known);
      }
      values.put(name, args[++i]);
    }
  }

  /** An integer flag. */
  public int integer(final String name, final int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  /** A duration flag in seconds. */
  public Duration seconds(final String name, final Duration fallback) {
    return values.containsKey(name) ? Duration.ofSeconds(Long.parseLong(values.get(name))) : fallback;
  }

  /** A text flag. */
  public String text(final String name, final String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * A {@code key=value,key=value} flag (configuration keys), empty if absent.
   *
   * @throws IllegalArgumentException for a pair without {@code =}
   */
  public Map<String, String> settings(final String name) {
    final Map<String, String> settings = new LinkedHashMap<>();
    for (final String pair : values.getOrDefault(name, "").split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      final int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--" + name + " wants key=value pairs, got '" + pair + "'");
      }
      settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return settings;
  }
}

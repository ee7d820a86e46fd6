package dev.coffer.local.demo;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The local stack's {@code --demo-traffic} option: absent (no traffic), {@code --demo-traffic} (until
 * Ctrl-C) or {@code --demo-traffic=N} (N requests, then the stack keeps running).
 */
public final class DemoTrafficOption {
  /** The option's name. */
  public static final String NAME = "--demo-traffic";
  /** One line of usage. */
  public static final String USAGE = "usage: java -jar coffer-local.jar [" + NAME + "[=N]]";

  private DemoTrafficOption() {
  }

  /**
   * Reads the command line.
   *
   * @param args the arguments of {@code main}
   * @return empty without the option, 0 for unbounded traffic, else the number of requests
   * @throws IllegalArgumentException for an unknown argument or a bad N, with the usage
   */
  public static OptionalLong parse(final String[] args) {
    OptionalLong requested = OptionalLong.empty();
    for (final String arg : args) {
      if (arg.equals(NAME)) {
        requested = OptionalLong.of(0);
      } else if (arg.startsWith(NAME + "=")) {
        final String count = arg.substring(NAME.length() + 1);
        try {
          final long n = Long.parseLong(count.strip());
          if (n < 1) {
            throw new IllegalArgumentException(NAME + "=N needs a positive N, got " + n + "\n" + USAGE);
          }
          requested = OptionalLong.of(n);
        } catch (final NumberFormatException e) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "%s=N needs a whole number, got '%s'%n%s",
              NAME, count, USAGE), e);
        }
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
      }
    }
    return requested;
  }
}

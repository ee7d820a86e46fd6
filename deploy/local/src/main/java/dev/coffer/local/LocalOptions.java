package dev.coffer.local;

import dev.coffer.local.demo.DemoTrafficOption;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The local stack's command line: {@code [--apps FILE] [--demo-traffic[=N]]}.
 *
 * @param appsFile {@code --apps FILE} (or {@code --apps=FILE}): the apps file of both the gateway and
 *     projections; {@code null} when not given
 * @param demoTraffic {@code --demo-traffic}: empty without it, 0 for traffic until Ctrl-C, else N requests
 */
record LocalOptions(Path appsFile, OptionalLong demoTraffic) {
  /** The option naming the apps file. */
  static final String APPS = "--apps";
  /** One line of usage. */
  static final String USAGE = "usage: java -jar coffer-local.jar [" + APPS + " FILE] [" + DemoTrafficOption.NAME
      + "[=N]]";

  /**
   * Reads the command line.
   *
   * @param args the arguments of {@code main}
   * @return the options
   * @throws IllegalArgumentException for an unknown argument, a missing FILE or a bad N, with the usage
   */
  static LocalOptions parse(final String[] args) {
    Path apps = null;
    OptionalLong demo = OptionalLong.empty();
    for (int i = 0; i < args.length; i++) {
      final String arg = args[i];
      if (arg.equals(APPS) || arg.startsWith(APPS + "=")) {
        final String file = arg.equals(APPS) ? (i + 1 < args.length ? args[++i] : "")
            : arg.substring(APPS.length() + 1);
        if (file.isBlank() || file.startsWith("--")) {
          throw new IllegalArgumentException(APPS + " needs a FILE\n" + USAGE);
        }
        apps = Path.of(file);
      } else if (arg.startsWith(DemoTrafficOption.NAME)) {
        try {
          demo = DemoTrafficOption.parse(new String[] {arg});
        } catch (final IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse("") + "\n" + USAGE, e);
        }
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
      }
    }
    return new LocalOptions(apps, demo);
  }
}

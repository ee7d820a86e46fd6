package dev.coffer.cli.apps;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.cli.AppsFiles;
import dev.coffer.cli.CofferCommand;
import dev.coffer.cli.CommandGroup;
import dev.coffer.cli.ExitCodes;
import java.nio.file.Path;
import java.util.Comparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer apps}: the apps file the gateway and projections share. */
@Command(name = "apps", description = "The apps file the gateway and projections share.",
    subcommands = AppsCommand.Validate.class)
public final class AppsCommand extends CommandGroup {
  /** {@code coffer apps validate}. */
  @Command(name = "validate", description = {"Validates an apps file as the services do at start: its JSON Schema, "
      + "the values (secrets, keys, certificates, URLs), and the rules across entries.",
      "Prints every problem with the path of its key (e.g. apps[1].stores.googlePlay.publicKey) and exits 1, "
          + "or a summary and exits 0. Secrets written env:NAME are read from this command's environment."})
  static final class Validate extends CofferCommand {
    @Parameters(paramLabel = "FILE", description = "The apps file (YAML).")
    Path file;

    @Override
    public Integer call() {
      final Apps apps;
      try {
        apps = AppsFiles.load(file, context());
      } catch (final AppsConfigException e) {
        out().println(file + ": " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
        e.problems().forEach(p -> out().println("  " + p.key() + ": " + p.message()));
        return ExitCodes.FAILED;
      }
      out().println(file + ": valid, " + apps.all().size() + " app" + (apps.all().size() == 1 ? "" : "s"));
      apps.all().stream().sorted(Comparator.comparing(App::appId)).forEach(app -> out().println("  "
          + app.appId() + ": " + app.keys().size() + " key(s), webhooks " + (app.webhooks().isPresent() ? "on" : "off")
          + ", catalog " + app.catalog().products().size() + " product(s) and " + app.catalog().items().size()
          + " item(s)"));
      return ExitCodes.OK;
    }
  }
}

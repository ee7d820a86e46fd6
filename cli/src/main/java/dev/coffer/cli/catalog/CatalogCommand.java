package dev.coffer.cli.catalog;

import dev.coffer.cli.CommandGroup;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.HttpCommand;
import dev.coffer.cli.Printing;
import dev.coffer.cli.UsageException;
import dev.coffer.client.CatalogApi;
import dev.coffer.client.model.CatalogImportResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer catalog}: an app's products and items. */
@Command(name = "catalog", description = "An app's catalog of products and items: import it from a file, or export it.",
    subcommands = {CatalogCommand.Import.class, CatalogCommand.Export.class})
public final class CatalogCommand extends CommandGroup {
  /** The formats of a catalog file. */
  enum Format { csv, json }

  /** {@code coffer catalog import}. */
  @Command(name = "import", description = {"Creates or replaces every product and item of FILE (CSV with the "
      + "export's columns, or JSON {\"products\": [...], \"items\": [...]}). The gateway checks the whole file "
      + "before it writes anything.", "With --replace, deletes the products and items FILE does not name."})
  static final class Import extends HttpCommand {
    @Parameters(paramLabel = "FILE", description = "The catalog file.")
    Path file;

    @Option(names = "--format", description = "csv or json (default: from the file's extension).")
    Format format;

    @Option(names = "--replace", description = "Delete what the file does not name.")
    boolean replace;

    @Override
    public Integer call() {
      final String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (final IOException e) {
        throw new UsageException("cannot read " + file + ": " + e);
      }
      final CatalogApi catalog = client().catalog();
      final CatalogImportResult result = switch (format(file, format)) {
        case csv -> catalog.importCsv(text, replace);
        case json -> catalog.importJson(text, replace);
      };
      out().println("imported " + file + " into app " + app() + ": " + result.products() + " product(s), "
          + result.items() + " item(s)" + (replace ? ", " + result.deleted() + " deleted" : ""));
      return ExitCodes.OK;
    }
  }

  /** {@code coffer catalog export}. */
  @Command(name = "export", description = "Writes the app's whole catalog as JSON (default) or CSV; the import "
      + "reads either back.")
  static final class Export extends HttpCommand {
    @Option(names = "--format", defaultValue = "json", description = "json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    Path output;

    @Override
    public Integer call() {
      final CatalogApi catalog = client().catalog();
      final String text = format == Format.csv ? catalog.exportCsv() : Printing.prettyJson(catalog.export()) + "\n";
      if (write(output, text)) {
        err().println("wrote " + output);
      }
      return ExitCodes.OK;
    }
  }

  private static Format format(final Path file, final Format given) {
    if (given != null) {
      return given;
    }
    final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Format.csv;
    }
    if (name.endsWith(".json")) {
      return Format.json;
    }
    throw new UsageException("cannot tell the format of " + file + " from its name: pass --format csv or json");
  }
}

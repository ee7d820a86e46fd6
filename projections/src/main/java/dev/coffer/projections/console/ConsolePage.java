package dev.coffer.projections.console;

import dev.coffer.service.problem.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's files, served from the jar: the page, its script and style (this package's resources)
 * and Chart.js (the {@code org.webjars.npm:chart.js} webjar, whose version is read from the webjar's own
 * {@code pom.properties}). Loaded once at start; every answer forbids framing and any script, style or
 * connection not from this server.
 */
final class ConsolePage {
  private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private record File(String contentType, byte[] bytes) {
  }

  private final Map<String, File> files;

  ConsolePage() {
    this.files = Map.of(
        "", new File("text/html; charset=utf-8", resource("dev/coffer/projections/console/index.html")),
        "console.js", new File("text/javascript; charset=utf-8", resource("dev/coffer/projections/console/console.js")),
        "console.css", new File("text/css; charset=utf-8", resource("dev/coffer/projections/console/console.css")),
        "chart.umd.js", new File("text/javascript; charset=utf-8", resource("META-INF/resources/webjars/chart.js/"
            + chartJsVersion() + "/dist/chart.umd.js")));
  }

  /** {@code GET /console} (and {@code /console/}: trailing slashes are ignored) and {@code GET /console/{file}}. */
  void serve(final Context ctx) {
    final String name = ctx.pathParamMap().getOrDefault("file", "");
    final File file = files.get(name);
    if (file == null) {
      throw new ProblemException(404, "NOT_FOUND", "the console has no file " + name);
    }
    ctx.header("Content-Security-Policy", POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .contentType(file.contentType()).result(file.bytes());
  }

  private static String chartJsVersion() {
    final Properties webjar = new Properties();
    try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(WEBJAR)) {
      if (in == null) {
        throw new IllegalStateException(WEBJAR + " is missing: the chart.js webjar is not on the class path");
      }
      webjar.load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + WEBJAR, e);
    }
    return webjar.getProperty("version");
  }

  private static byte[] resource(final String path) {
    try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}

package dev.coffer.service.http;

import dev.coffer.service.problem.ProblemException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's API documentation: its OpenAPI document at {@code /openapi.yaml} and Swagger UI over it at
 * {@code /docs} (the page) and {@code /docs/{asset}} (Swagger UI's files from the {@code org.webjars:swagger-ui}
 * jar, and the page's own script). Public, like the document.
 */
public final class ApiDocs {
  /** Where the OpenAPI document is served. */
  public static final String DOCUMENT = "/openapi.yaml";
  /** Where Swagger UI is served. */
  public static final String UI = "/docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String OWN = "/dev/coffer/service/http/";
  /** The files /docs/{asset} serves, with their content types: nothing else of the webjar or the classpath. */
  private static final Map<String, String> ASSETS = Map.of(
      "swagger-ui.css", "text/css; charset=utf-8",
      "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
      "favicon-32x32.png", "image/png",
      "favicon-16x16.png", "image/png",
      "coffer-docs.js", "text/javascript; charset=utf-8");

  /** The assets read so far (a few megabytes at most: ASSETS bounds it). */
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private ApiDocs() {
  }

  /**
   * Serves the document and Swagger UI.
   *
   * @param config the server's configuration
   * @param owner a class of the service, whose class loader has the document
   * @param document the document's absolute classpath resource
   */
  public static void install(final JavalinConfig config, final Class<?> owner, final String document) {
    final byte[] yaml = read(owner, document);
    final byte[] page = read(ApiDocs.class, OWN + "docs.html");
    final String version = webjarVersion();
    config.routes.get(DOCUMENT, ServiceHttp.route(DOCUMENT, ctx -> ctx.contentType("application/yaml").result(yaml)));
    config.routes.get(UI, ServiceHttp.route(UI, ctx -> ctx.contentType("text/html; charset=utf-8").result(page)));
    config.routes.get(UI + "/{asset}", ServiceHttp.route(UI + "/{asset}", ctx -> asset(ctx, version)));
  }

  private static void asset(final Context ctx, final String version) {
    final String asset = ctx.pathParam("asset");
    final String type = ASSETS.get(asset);
    if (type == null) {
      throw new ProblemException(404, "NOT_FOUND", "no such file: " + UI + "/" + asset);
    }
    final byte[] bytes = CACHE.computeIfAbsent(asset, a -> a.startsWith("coffer-") ? read(ApiDocs.class, OWN + a)
        : read(ApiDocs.class, "/" + WEBJAR + version + "/" + a));
    ctx.header("Cache-Control", "public, max-age=3600").contentType(type).result(bytes);
  }

  /** The version of the swagger-ui webjar on the classpath (its files sit under a folder of that name). */
  private static String webjarVersion() {
    final Properties pom = new Properties();
    try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
      }
      pom.load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the swagger-ui webjar's version", e);
    }
    return pom.getProperty("version");
  }

  private static byte[] read(final Class<?> owner, final String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}

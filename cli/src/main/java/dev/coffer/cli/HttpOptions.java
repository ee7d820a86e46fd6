package dev.coffer.cli;

import dev.coffer.client.CofferClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the Coffer services are and which app and key to use: the options of every command that calls
 * the HTTP API (through the Java server SDK). The key is never an option's value (it would show in the
 * process list and the shell history): it is read from {@code COFFER_API_KEY} or from a file.
 */
public final class HttpOptions {
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "COFFER_API_KEY";

  @Option(names = "--gateway", paramLabel = "URL", defaultValue = "${env:COFFER_GATEWAY_URL:-http://127.0.0.1:8080}",
      description = "The gateway's base URL (env COFFER_GATEWAY_URL; default: ${DEFAULT-VALUE}).")
  URI gateway;

  @Option(names = "--projections", paramLabel = "URL",
      defaultValue = "${env:COFFER_PROJECTIONS_URL:-http://127.0.0.1:8092}",
      description = "Projections' base URL (env COFFER_PROJECTIONS_URL; default: ${DEFAULT-VALUE}).")
  URI projections;

  @Option(names = {"-a", "--app"}, paramLabel = "APP", defaultValue = "${env:COFFER_APP_ID:-demo}",
      description = "The app (env COFFER_APP_ID; default: ${DEFAULT-VALUE}).")
  String app;

  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "A file holding the app's server key (default: the environment variable " + API_KEY_ENV + ").")
  Path apiKeyFile;

  /** The SDK client these options name. */
  public CofferClient client(final Context context) {
    return CofferClient.builder().gateway(gateway).projections(projections).appId(app).apiKey(apiKey(context))
        .build();
  }

  /** The app. */
  public String app() {
    return app;
  }

  private String apiKey(final Context context) {
    if (apiKeyFile != null) {
      try {
        final String key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
        if (key.isEmpty()) {
          throw new UsageException(apiKeyFile + " is empty; it must hold the app's API key");
        }
        return key;
      } catch (final IOException e) {
        throw new UsageException("cannot read the API key from " + apiKeyFile + ": " + e.getMessage());
      }
    }
    final String key = context.env(API_KEY_ENV);
    if (key == null) {
      throw new UsageException("no API key: set " + API_KEY_ENV + " or pass --api-key-file FILE");
    }
    return key;
  }
}

package dev.coffer.cli;

import dev.coffer.client.CofferClient;
import picocli.CommandLine.Mixin;

/**
 * A command that calls Coffer's HTTP API through the Java server SDK, with {@link HttpOptions}. What the
 * SDK throws (refused, unavailable, no answer) is left to {@link Errors}, so every command maps it alike.
 */
public abstract class HttpCommand extends CofferCommand {
  @Mixin
  HttpOptions http;

  /** The SDK client of the options (reads the API key: a usage error without one). */
  protected final CofferClient client() {
    return http.client(context());
  }

  /** The app. */
  protected final String app() {
    return http.app();
  }
}

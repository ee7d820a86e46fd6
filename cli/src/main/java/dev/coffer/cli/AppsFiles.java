package dev.coffer.cli;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads apps files as the services do (validated, {@code env:NAME} secrets from the command's environment). */
public final class AppsFiles {
  private AppsFiles() {
  }

  /**
   * Loads and validates an apps file.
   *
   * @throws dev.coffer.apps.AppsConfigException naming every problem
   * @throws UsageException if the file cannot be read
   */
  public static Apps load(final Path file, final Context context) {
    final String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UsageException("cannot read the apps file " + file + ": " + e);
    }
    return Apps.parse(yaml, file.toAbsolutePath().getParent(), context::env);
  }

  /** The app {@code appId} of an apps file. */
  public static App app(final Path file, final String appId, final Context context) {
    return load(file, context).find(appId).orElseThrow(() -> new UsageException("the apps file " + file
        + " has no app " + appId));
  }
}

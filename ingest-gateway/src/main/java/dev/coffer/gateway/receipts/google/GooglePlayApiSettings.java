package dev.coffer.gateway.receipts.google;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One app's access to the Google Play Developer API.
 *
 * @param packageName        the app's package name
 * @param serviceAccountJson the service account's JSON key (as downloaded from Google Cloud); its
 *                           {@code token_uri} is where the OAuth token is requested
 * @param rootUrl            the API's root URL, ending in {@code /} ({@link #GOOGLE_ROOT_URL} in production; a
 *                           local server in tests)
 * @param timeout            connect and read timeout of each call
 */
public record GooglePlayApiSettings(String packageName, byte[] serviceAccountJson, String rootUrl, Duration timeout) {

  /** Google's own root URL. */
  public static final String GOOGLE_ROOT_URL = "https://androidpublisher.googleapis.com/";

  /** Validates every field. */
  public GooglePlayApiSettings {
    if (packageName == null || packageName.isBlank()) {
      throw new IllegalArgumentException("packageName is required");
    }
    Objects.requireNonNull(serviceAccountJson, "serviceAccountJson");
    serviceAccountJson = serviceAccountJson.clone();
    if (rootUrl == null || !rootUrl.endsWith("/") ||
        !(rootUrl.startsWith("https://") || rootUrl.startsWith("http://"))) {
      throw new IllegalArgumentException("the Play Developer API root URL must be an http(s) URL ending in /, was "
          + rootUrl);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the Play Developer API timeout must be positive");
    }
  }

  /**
   * Settings with the service account JSON read from a file.
   *
   * @param packageName the app's package name
   * @param serviceAccountFile the JSON key file
   * @param rootUrl the root URL; null for Google's
   * @return the settings
   */
  public static GooglePlayApiSettings fromFile(final String packageName, final Path serviceAccountFile,
                                               final String rootUrl) {
    try {
      return new GooglePlayApiSettings(packageName, Files.readAllBytes(serviceAccountFile),
          rootUrl == null ? GOOGLE_ROOT_URL : rootUrl, Duration.ofSeconds(10));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the service account JSON " + serviceAccountFile, e);
    }
  }

  @Override
  public byte[] serviceAccountJson() {
    return serviceAccountJson.clone();
  }

  @Override
  public String toString() {
    return "GooglePlayApiSettings[packageName=" + packageName + ", rootUrl=" + rootUrl + "]";
  }

}

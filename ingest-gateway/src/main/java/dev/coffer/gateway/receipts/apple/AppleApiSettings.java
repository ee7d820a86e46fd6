package dev.coffer.gateway.receipts.apple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One app's access to the App Store Server API (App Store Connect, Users and Access, Integrations, In-App
 * Purchase keys).
 *
 * @param keyId         the key's id
 * @param issuerId      the issuer id shown above the keys
 * @param privateKeyPem the {@code .p8} file's text (a PKCS#8 EC P-256 key)
 * @param baseUrl       {@code scheme://host:port} to send requests to instead of Apple's host for the app's
 *                      environment; null in production (tests point it at a local server)
 */
public record AppleApiSettings(String keyId, String issuerId, String privateKeyPem, String baseUrl) {

  /** Validates every field. */
  public AppleApiSettings {
    if (keyId == null || keyId.isBlank() || issuerId == null || issuerId.isBlank()) {
      throw new IllegalArgumentException("the App Store Server API needs a key id and an issuer id");
    }
    if (privateKeyPem == null || !privateKeyPem.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException("the App Store Server API key " + keyId + " is not a .p8 PEM key");
    }
    if (baseUrl != null) {
      final URI uri = URI.create(baseUrl);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath())) {
        throw new IllegalArgumentException("the App Store Server API base URL must be scheme://host[:port],"
            + " was " + baseUrl);
      }
    }
  }

  /**
   * Settings with the key read from its {@code .p8} file.
   *
   * @param keyId the key id
   * @param issuerId the issuer id
   * @param privateKeyFile the {@code .p8} file
   * @param baseUrl the base URL; null for Apple's
   * @return the settings
   */
  public static AppleApiSettings fromFile(final String keyId, final String issuerId, final Path privateKeyFile,
                                          final String baseUrl) {
    try {
      return new AppleApiSettings(keyId, issuerId, Files.readString(privateKeyFile, StandardCharsets.US_ASCII),
          baseUrl);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the App Store Server API key " + privateKeyFile, e);
    }
  }

  @Override
  public String toString() {
    return "AppleApiSettings[keyId=" + keyId + ", issuerId=" + issuerId + ", baseUrl=" + baseUrl + "]";
  }
}

package dev.coffer.gateway.receipts.teststore;

import java.nio.charset.StandardCharsets;

/**
 * One app's settings for the {@code test} store. The store is enabled only when a secret is configured.
 *
 * @param appId  the Coffer app id the receipts must name
 * @param secret the HMAC-SHA256 key (UTF-8), at least {@value #MIN_SECRET_BYTES} bytes; null or empty disables
 *               the test store for the app
 */
public record TestStoreSettings(String appId, String secret) {

  /** The shortest secret accepted, in UTF-8 bytes. */
  public static final int MIN_SECRET_BYTES = 16;

  /** Validates the app id and, when one is set, the secret's length. */
  public TestStoreSettings {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("appId is required");
    }
    if (secret != null && !secret.isEmpty()
        && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the test store secret of app " + appId + " must have at least "
          + MIN_SECRET_BYTES + " bytes");
    }
  }

  /** @return settings with the test store disabled for {@code appId} */
  public static TestStoreSettings disabled(final String appId) {
    return new TestStoreSettings(appId, null);
  }

  /** @return whether a secret is configured */
  public boolean enabled() {
    return secret != null && !secret.isEmpty();
  }

  // The secret never reaches a log through toString.
  @Override
  public String toString() {
    return "TestStoreSettings[appId=" + appId + ", secret=" + (enabled() ? "<set>" : "<none>") + "]";
  }
}

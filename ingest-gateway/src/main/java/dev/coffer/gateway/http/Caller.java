package dev.coffer.gateway.http;

import dev.coffer.apps.ApiKey;
import dev.coffer.apps.App;
import dev.coffer.apps.KeyRole;
import dev.coffer.gateway.purchases.AppStores;

/**
 * An authenticated request's app and key.
 *
 * @param app the app of the path
 * @param stores the app's receipt verifiers
 * @param key the key presented
 * @param requestId the request's id (from {@code X-Request-Id}, or generated)
 */
public record Caller(App app, AppStores stores, ApiKey key, String requestId) {
  /** Whether a server key called. */
  public boolean server() {
    return key.role() == KeyRole.SERVER;
  }

  /** The app id. */
  public String appId() {
    return app.appId();
  }
}

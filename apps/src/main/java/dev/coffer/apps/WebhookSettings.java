package dev.coffer.apps;

import java.net.URI;
import java.util.List;

/**
 * Where and how an app's webhooks are sent (read by projections).
 *
 * @param url the HTTPS (or, locally, HTTP) endpoint
 * @param secrets the HMAC secrets; the first signs, all are accepted while a secret is rotated
 */
public record WebhookSettings(URI url, @Secret(minBytes = App.MIN_SECRET_BYTES) List<String> secrets) {
  public WebhookSettings {
    secrets = List.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "WebhookSettings[url=" + url + ", secrets=" + secrets.size() + "]";
  }
}

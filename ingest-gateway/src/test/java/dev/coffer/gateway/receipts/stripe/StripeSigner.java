package dev.coffer.gateway.receipts.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook bodies the way Stripe does: {@code t=<unix s>,v1=<hex HMAC-SHA256("<t>.<body>")>}. */
public final class StripeSigner {
  private StripeSigner() {
  }

  /** The {@code Stripe-Signature} header of {@code body} under {@code secret} at {@code at}. */
  public static String header(final String body, final String secret, final Instant at) {
    final long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + v1(body, secret, t);
  }

  /** The {@code v1} signature alone. */
  public static String v1(final String body, final String secret, final long t) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An event body: {@code {"id", "object": "event", "type", "created", "livemode", "data": {"object": ...}}}. */
  public static String event(final String id, final String type, final String object, final String previous) {
    return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"" + type
        + "\",\"data\":{\"object\":" + object + (previous == null ? "" : ",\"previous_attributes\":" + previous)
        + "}}";
  }
}

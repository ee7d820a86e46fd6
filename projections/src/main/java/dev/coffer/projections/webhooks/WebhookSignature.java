package dev.coffer.projections.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Coffer-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">},
 * with one {@code v1} per configured secret, so a receiver rotating its secret accepts either. The
 * receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares in constant
 * time, and rejects old timestamps to stop replays.
 */
public final class WebhookSignature {
  /** The header name. */
  public static final String HEADER = "Coffer-Signature";

  private WebhookSignature() {
  }

  /**
   * The header value.
   *
   * @param unixSeconds the signing time
   * @param body the exact body bytes sent
   * @param secrets the app's webhook secrets
   * @return {@code t=...,v1=...[,v1=...]}
   */
  public static String header(final long unixSeconds, final byte[] body, final List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("a webhook needs at least one secret");
    }
    return "t=" + unixSeconds + "," + secrets.stream().map(s -> "v1=" + hmacHex(s, unixSeconds, body))
        .collect(Collectors.joining(","));
  }

  /** The hex HMAC-SHA256 under {@code secret} of {@code "<unixSeconds>.<body>"}. */
  public static String hmacHex(final String secret, final long unixSeconds, final byte[] body) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}

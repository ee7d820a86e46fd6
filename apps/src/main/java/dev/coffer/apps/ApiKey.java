package dev.coffer.apps;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One configured API key: its SHA-256 hash (the key itself is never stored), its role and a label
 * for logs.
 *
 * @param label a name for people and logs, e.g. {@code game-server-2026}
 * @param role what the key may do
 * @param sha256Hex the key's SHA-256 as 64 lowercase hex digits
 */
public record ApiKey(String label, KeyRole role, @JsonProperty("sha256") String sha256Hex) {
  public ApiKey {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    if (!ApiKeys.isSha256Hex(sha256Hex)) {
      throw new IllegalArgumentException("sha256Hex must be 64 hex digits");
    }
    sha256Hex = sha256Hex.toLowerCase(java.util.Locale.ROOT);
  }

  /** The hash as bytes. */
  byte[] hash() {
    return HexFormat.of().parseHex(sha256Hex);
  }
}

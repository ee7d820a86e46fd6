package dev.coffer.apps;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Player refs: {@code base64url(HMAC-SHA256(appPseudonymKey, playerId))} without padding, the only
 * player identity that enters Kafka. The external player id cannot be recovered from a ref.
 */
public final class PlayerRefs {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private PlayerRefs() {
  }

  /**
   * The ref of {@code playerId} under an app's pseudonym key.
   *
   * @param pseudonymKey the app's pseudonym key (at least 32 bytes)
   * @param playerId the game's own player id
   * @return 43 base64url characters
   */
  public static String of(final byte[] pseudonymKey, final String playerId) {
    Objects.requireNonNull(pseudonymKey, "pseudonymKey");
    Objects.requireNonNull(playerId, "playerId");
    return BASE64URL.encodeToString(Hmac.sha256(pseudonymKey, playerId.getBytes(StandardCharsets.UTF_8)));
  }
}

package dev.coffer.gateway.receipts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * The account ids a game sets at purchase time so that a receipt names its buyer, computed from what the
 * game already knows: its app id and the player id it sends Coffer. No secret is involved (the client
 * computes them); what makes them binding is that the store signs them into the receipt, so a receipt
 * bought by one player cannot be redeemed for another when the app requires it.
 *
 * <ul>
 *   <li>Google Play {@code obfuscatedAccountId} ({@code BillingFlowParams.Builder.setObfuscatedAccountId}):
 *       lowercase hex of SHA-256 over the UTF-8 bytes of {@code appId + "|" + playerId}: 64 characters,
 *       exactly Play's limit.
 *   <li>App Store {@code appAccountToken} ({@code Product.PurchaseOption.appAccountToken(_:)}): the
 *       RFC 9562 name-based UUID, version 5 (SHA-1), of the same string in the namespace
 *       {@link #NAMESPACE} ({@code ff7e2918-611b-42c7-b203-b8b6b04ab3eb}), lowercase as Apple reports it.
 * </ul>
 * Example: app {@code demo}, player {@code alice}: see {@code BuyerIdsTest} for the values.
 */
public final class BuyerIds {
  /** The namespace of Coffer's appAccountToken UUIDs. Never change it: issued tokens are in receipts. */
  public static final UUID NAMESPACE = UUID.fromString("ff7e2918-611b-42c7-b203-b8b6b04ab3eb");

  private BuyerIds() {
  }

  /**
   * Google Play's {@code obfuscatedAccountId} for a player.
   *
   * @param appId the Coffer app id
   * @param playerId the game's player id (as sent to {@code POST /purchases})
   * @return 64 lowercase hex characters
   */
  public static String obfuscatedAccountId(final String appId, final String playerId) {
    return HexFormat.of().formatHex(digest("SHA-256", name(appId, playerId)));
  }

  /**
   * The App Store's {@code appAccountToken} for a player.
   *
   * @param appId the Coffer app id
   * @param playerId the game's player id
   * @return a version 5 UUID
   */
  public static UUID appAccountToken(final String appId, final String playerId) {
    final byte[] name = name(appId, playerId);
    final ByteBuffer input = ByteBuffer.allocate(16 + name.length);
    input.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits()).put(name);
    final byte[] hash = digest("SHA-1", input.array());
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 9562 variant
    final ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bits.getLong(), bits.getLong());
  }

  private static byte[] name(final String appId, final String playerId) {
    return (Objects.requireNonNull(appId, "appId") + "|" + Objects.requireNonNull(playerId, "playerId"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] digest(final String algorithm, final byte[] input) {
    try {
      return MessageDigest.getInstance(algorithm).digest(input);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}

package dev.coffer.gateway.receipts.teststore;

import dev.coffer.service.json.PooledJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code test} store's receipt format, for local use and demo traffic.
 *
 * <p>A receipt is {@code base64url(payload) + "." + base64url(HMAC-SHA256(secret, ascii(base64url(payload))))},
 * both parts without padding, where {@code payload} is UTF-8 JSON:
 * <pre>{@code
 * {"appId": "demo", "transactionId": "t-1", "productId": "gems_100", "purchaseTime": 1700000000000,
 *  "quantity": 1, "price": "0.99", "currency": "USD"}
 * }</pre>
 * {@code purchaseTime} is epoch milliseconds; {@code quantity} (default 1), {@code price} (a decimal string, never a
 * float) and {@code currency} are optional. As in a JWS, the MAC covers the encoded payload, so the verifier
 * checks it before decoding anything.
 */
public final class TestReceipts {

  static final String MAC_ALGORITHM = "HmacSHA256";

  private static final JsonMapper MAPPER = PooledJson.builder().build();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private TestReceipts() {
  }

  /**
   * Signs {@code receipt} with the app's test-store secret.
   *
   * @param receipt the claims
   * @param secret  the app's secret, as in {@link TestStoreSettings#secret()}
   * @return the receipt string a client submits
   */
  public static String sign(final TestReceipt receipt, final String secret) {
    Objects.requireNonNull(receipt, "receipt");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a secret is required to sign a test receipt");
    }
    final ObjectNode payload = MAPPER.createObjectNode()
        .put("appId", receipt.appId())
        .put("transactionId", receipt.transactionId())
        .put("productId", receipt.productId())
        .put("purchaseTime", receipt.purchaseTime().toEpochMilli())
        .put("quantity", receipt.quantity());
    if (receipt.price() != null) {
      payload.put("price", receipt.price().toPlainString());
      payload.put("currency", receipt.currency());
    }
    final String encoded;
    try {
      encoded = BASE64URL.encodeToString(MAPPER.writeValueAsBytes(payload));
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("could not write a test receipt payload", e);
    }
    return encoded + "." + BASE64URL.encodeToString(mac(secret, encoded));
  }

  /** @return HMAC-SHA256 of the ASCII bytes of {@code encodedPayload} under {@code secret} */
  static byte[] mac(final String secret, final String encodedPayload) {
    try {
      final Mac mac = Mac.getInstance(MAC_ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM));
      return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
    } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(MAC_ALGORITHM + " is unavailable", e);
    }
  }
}

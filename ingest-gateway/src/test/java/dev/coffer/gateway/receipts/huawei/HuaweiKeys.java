package dev.coffer.gateway.receipts.huawei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** An AppGallery IAP key pair made in the test, and purchase data signed the way AppGallery signs it. */
public final class HuaweiKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KeyPair keys;

  private HuaweiKeys(final KeyPair keys) {
    this.keys = keys;
  }

  /** A fresh RSA-2048 key pair. */
  public static HuaweiKeys create() {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new HuaweiKeys(generator.generateKeyPair());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as AppGallery Connect shows it: base64 X.509. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  /** A consumable's InAppPurchaseData (field order kept: it is the exact string signed). */
  public static Map<String, Object> consumable(final String orderId, final String productId, final String packageName) {
    final Map<String, Object> data = new LinkedHashMap<>();
    data.put("autoRenewing", false);
    data.put("orderId", orderId);
    data.put("packageName", packageName);
    data.put("applicationId", 101_234_567L);
    data.put("kind", 0);
    data.put("productId", productId);
    data.put("productName", "Gems");
    data.put("purchaseTime", Instant.now().minusSeconds(60).toEpochMilli());
    data.put("purchaseState", 0);
    data.put("developerPayload", "");
    data.put("purchaseToken", "000001" + orderId + ".1.101234567");
    data.put("purchaseType", 0);
    data.put("currency", "EUR");
    data.put("price", 199);
    data.put("country", "DE");
    data.put("quantity", 1);
    data.put("payOrderId", "pay-" + orderId);
    data.put("accountFlag", 0);
    return data;
  }

  /** A subscription's InAppPurchaseData, valid until {@code expires}. */
  public static Map<String, Object> subscription(final String orderId, final String subscriptionId,
                                                 final String productId, final String packageName,
                                                 final Instant expires) {
    final Map<String, Object> data = consumable(orderId, productId, packageName);
    data.put("kind", 2);
    data.put("autoRenewing", true);
    data.put("subscriptionId", subscriptionId);
    data.put("expirationDate", expires.toEpochMilli());
    data.put("subIsvalid", true);
    data.put("renewStatus", 1);
    return data;
  }

  /** The JSON text of purchase data. */
  public static String json(final Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA256WithRSA (PKCS#1 v1.5) over the text's UTF-8 bytes, base64. */
  public String sign(final String data) {
    return sign(data, false);
  }

  /** SHA256WithRSA/PSS (MGF1-SHA-256, 32-byte salt) over the text's UTF-8 bytes, base64. */
  public String signPss(final String data) {
    return sign(data, true);
  }

  private String sign(final String data, final boolean pss) {
    try {
      final Signature signature;
      if (pss) {
        signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      } else {
        signature = Signature.getInstance("SHA256withRSA");
      }
      signature.initSign(keys.getPrivate());
      signature.update(data.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

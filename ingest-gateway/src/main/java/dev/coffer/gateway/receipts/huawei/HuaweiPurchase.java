package dev.coffer.gateway.receipts.huawei;

/**
 * A Huawei AppGallery receipt as the IAP SDK hands it to the game ({@code PurchaseResultInfo},
 * {@code OwnedPurchasesResult}).
 *
 * @param inAppPurchaseData  the exact JSON string of {@code InAppPurchaseData}; verified byte for byte, never
 *                           re-serialised on the way
 * @param inAppDataSignature base64 signature over {@code inAppPurchaseData}'s UTF-8 bytes
 * @param signatureAlgorithm the SDK's {@code getSignatureAlgorithm()}: {@code SHA256WithRSA} (also when
 *                           absent) or {@code SHA256WithRSA/PSS}; nullable
 */
public record HuaweiPurchase(String inAppPurchaseData, String inAppDataSignature, String signatureAlgorithm) {
}

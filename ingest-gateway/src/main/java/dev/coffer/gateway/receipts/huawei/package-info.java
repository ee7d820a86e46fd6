/**
 * Huawei AppGallery in-app purchases (IAP): {@code InAppPurchaseData} verified offline over its exact bytes
 * with the app's IAP public key (SHA256WithRSA, or SHA256WithRSA/PSS).
 */
package dev.coffer.gateway.receipts.huawei;

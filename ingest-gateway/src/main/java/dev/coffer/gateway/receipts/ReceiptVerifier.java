package dev.coffer.gateway.receipts;

/**
 * Verifies one store's receipts offline and turns them into a {@link VerifiedReceipt}.
 *
 * <p>Implementations are thread-safe and hold their app's settings; one instance per (app, store). A verifier
 * never decides which catalog product a receipt buys: it reports the store's product id (SKU) as the signed data
 * names it, and the catalog resolves that to a product.
 *
 * @param <R> the store's receipt shape (a signed string, or signed data plus its signature)
 */
@FunctionalInterface
public interface ReceiptVerifier<R> {

  /**
   * Verifies {@code receipt}: signature, app, state (purchased, not revoked, not expired).
   *
   * @param receipt the receipt as the client sent it
   * @return the verified purchase, naming the store product id it is for
   * @throws ReceiptRejectedException if anything about the receipt is wrong; its code says what
   */
  VerifiedReceipt verify(R receipt) throws ReceiptRejectedException;

  /**
   * Verifies {@code receipt} and checks it is for {@code expectedStoreProductId} (a server key's dynamic
   * purchase names the SKU itself).
   *
   * @param receipt                the receipt as the client sent it
   * @param expectedStoreProductId the store's product id (SKU) the purchase claims to be for
   * @return the verified purchase
   * @throws ReceiptRejectedException if anything about the receipt is wrong ({@code WRONG_PRODUCT} for another SKU)
   */
  default VerifiedReceipt verify(final R receipt, final String expectedStoreProductId)
      throws ReceiptRejectedException {
    final VerifiedReceipt verified = verify(receipt);
    if (!verified.storeProductId().equals(expectedStoreProductId)) {
      throw new ReceiptRejectedException(RejectionCode.WRONG_PRODUCT, "receipt is for product "
          + verified.storeProductId() + ", expected " + expectedStoreProductId);
    }
    return verified;
  }
}

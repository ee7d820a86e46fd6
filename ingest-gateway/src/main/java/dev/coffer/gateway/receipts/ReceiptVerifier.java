package dev.coffer.gateway.receipts;

/**
 * Verifies one store's receipts offline and turns them into a {@link VerifiedReceipt}.
 *
 * <p>Implementations are thread-safe and hold their app's settings; one instance per (app, store).
 *
 * @param <R> the store's receipt shape (a signed string, or signed data plus its signature)
 */
@FunctionalInterface
public interface ReceiptVerifier<R> {

    /**
     * Verifies {@code receipt} and checks it is a completed purchase of {@code expectedStoreProductId}.
     *
     * @param receipt                the receipt as the client sent it
     * @param expectedStoreProductId the store's product id (SKU) the purchase claims to be for
     * @return the verified purchase
     * @throws ReceiptRejectedException if anything about the receipt is wrong; its code says what
     */
    VerifiedReceipt verify(R receipt, String expectedStoreProductId) throws ReceiptRejectedException;
}

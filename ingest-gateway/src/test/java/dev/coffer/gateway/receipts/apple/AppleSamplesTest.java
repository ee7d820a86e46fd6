package dev.coffer.gateway.receipts.apple;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Apple's own test data (see {@code apple-samples/SOURCES.md}) read the way Apple's verifier reads it. */
class AppleSamplesTest {

  private static final byte[] TEST_CA = resource("testCA.der");
  private static final String TRANSACTION = new String(resource("transactionInfo.jws"), StandardCharsets.US_ASCII)
      .strip();
  private static final String NOTIFICATION = new String(resource("testNotification.jws"), StandardCharsets.US_ASCII)
      .strip();

  private final AppleReceiptVerifier verifier = verifier("com.example", StoreEnvironment.SANDBOX, TEST_CA);

  @Test
  void verifiesApplesTestNotification() throws ReceiptRejectedException {
    final AppleNotification notification = verifier.verifyNotification(NOTIFICATION);

    assertThat(notification.notificationType()).isEqualTo("TEST");
    assertThat(notification.subtype()).isNull();
    assertThat(notification.notificationUUID()).isEqualTo("9ad56bd2-0bc6-42e0-af24-fd996d87a1e6");
    assertThat(notification.environment()).isEqualTo(StoreEnvironment.SANDBOX);
    assertThat(notification.bundleId()).isEqualTo("com.example");
    assertThat(notification.signedDate()).isEqualTo(Instant.ofEpochMilli(1681314324000L));
    assertThat(notification.transaction()).isNull();
    assertThat(notification.renewalInfo()).isNull();
  }

  @Test
  void verifiesApplesTestTransactionUpToItsMissingFields() {
    // The sample signs only environment, bundleId and signedDate: past signature, chain, bundle and
    // environment, the verifier stops at the absent transactionId.
    assertThatThrownBy(() -> verifier.decodeTransaction(TRANSACTION))
        .isInstanceOfSatisfying(ReceiptRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCode.MALFORMED_RECEIPT))
        .hasMessageContaining("lacks transactionId");
  }

  @Test
  void rejectsApplesSamplesForAnotherBundleOrEnvironment() {
    final AppleReceiptVerifier otherBundle = verifier("com.example.other", StoreEnvironment.SANDBOX, TEST_CA);
    final AppleReceiptVerifier production = verifier("com.example", StoreEnvironment.PRODUCTION, TEST_CA);

    assertRejected(() -> otherBundle.decodeTransaction(TRANSACTION), RejectionCode.WRONG_BUNDLE_ID);
    assertRejected(() -> otherBundle.verifyNotification(NOTIFICATION), RejectionCode.WRONG_BUNDLE_ID);
    assertRejected(() -> production.decodeTransaction(TRANSACTION), RejectionCode.WRONG_ENVIRONMENT);
  }

  @Test
  void rejectsApplesSamplesUnderAnotherRoot() {
    final AppleReceiptVerifier strangerRoot =
        verifier("com.example", StoreEnvironment.SANDBOX, TestPki.create().rootDer());

    assertRejected(() -> strangerRoot.decodeTransaction(TRANSACTION), RejectionCode.UNTRUSTED_CHAIN);
    assertRejected(() -> strangerRoot.verifyNotification(NOTIFICATION), RejectionCode.UNTRUSTED_CHAIN);
  }

  @Test
  void rejectsApplesSampleWithAChangedPayload() {
    final String[] parts = TRANSACTION.split("\\.");
    final String payload = "{\"environment\":\"Sandbox\",\"bundleId\":\"com.example\",\"signedDate\":1672956154001}";
    final String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    assertRejected(() -> verifier.decodeTransaction(tampered), RejectionCode.BAD_SIGNATURE);
  }

  private static AppleReceiptVerifier verifier(final String bundleId, final StoreEnvironment environment,
                                               final byte[] root) {
    return new AppleReceiptVerifier(new AppleSettings(bundleId, 1234L, environment, List.of(root)));
  }

  private static byte[] resource(final String name) {
    try (InputStream in = AppleSamplesTest.class.getResourceAsStream("/apple-samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource apple-samples/" + name);
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new IllegalStateException("could not read apple-samples/" + name, e);
    }
  }
}

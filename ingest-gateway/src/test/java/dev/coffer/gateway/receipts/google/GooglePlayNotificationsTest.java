package dev.coffer.gateway.receipts.google;

import static dev.coffer.gateway.receipts.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GooglePlayNotificationsTest {

  private static final String PACKAGE = "com.example.game";

  @Test
  void parsesAVoidedPurchase() throws ReceiptRejectedException {
    final String body = push(notification("\"voidedPurchaseNotification\":{\"purchaseToken\":\"token-abc\","
        + "\"orderId\":\"GPA.1234\",\"productType\":2,\"refundType\":1}"));

    final GooglePlayNotification notification = GooglePlayNotifications.parsePush(body, PACKAGE);

    assertThat(notification).isEqualTo(new GooglePlayNotification("136969346945",
        Instant.parse("2024-03-01T10:15:30.123Z"), "projects/p/subscriptions/play-rtdn", "1.0", PACKAGE,
        Instant.ofEpochMilli(1709288130000L),
        new GooglePlayNotification.VoidedPurchase("token-abc", "GPA.1234", 2, 1)));
    assertThat(((GooglePlayNotification.VoidedPurchase) notification.event()).subscription()).isFalse();
  }

  @Test
  void parsesOneTimeProductSubscriptionAndTestNotifications() throws ReceiptRejectedException {
    assertThat(GooglePlayNotifications.parsePush(push(notification("\"oneTimeProductNotification\":"
        + "{\"version\":\"1.0\",\"notificationType\":1,\"purchaseToken\":\"t1\",\"sku\":\"gems_100\"}")),
        PACKAGE).event())
        .isEqualTo(new GooglePlayNotification.OneTimeProduct(1, "t1", "gems_100"));
    assertThat(GooglePlayNotifications.parsePush(push(notification("\"subscriptionNotification\":"
        + "{\"version\":\"1.0\",\"notificationType\":12,\"purchaseToken\":\"t2\",\"subscriptionId\":\"vip\"}")),
        PACKAGE).event())
        .isEqualTo(new GooglePlayNotification.Subscription(12, "t2", "vip"));
    assertThat(GooglePlayNotifications.parsePush(push(notification("\"testNotification\":{\"version\":\"1.0\"}")),
        PACKAGE).event())
        .isEqualTo(new GooglePlayNotification.Test());
  }

  @Test
  void acceptsThePubSubSnakeCaseFieldsAndANumericEventTime() throws ReceiptRejectedException {
    final String data = base64("{\"version\":\"1.0\",\"packageName\":\"" + PACKAGE + "\","
        + "\"eventTimeMillis\":1709288130000,\"testNotification\":{\"version\":\"1.0\"}}");
    final String body = "{\"message\":{\"data\":\"" + data + "\",\"message_id\":\"42\"}}";

    final GooglePlayNotification notification = GooglePlayNotifications.parsePush(body, PACKAGE);

    assertThat(notification.messageId()).isEqualTo("42");
    assertThat(notification.publishTime()).isNull();
    assertThat(notification.subscription()).isNull();
    assertThat(notification.eventTime()).isEqualTo(Instant.ofEpochMilli(1709288130000L));
  }

  @Test
  void rejectsAnotherPackage() {
    final String body = push(notification("\"testNotification\":{\"version\":\"1.0\"}"));

    assertRejected(() -> GooglePlayNotifications.parsePush(body, "com.example.other"), RejectionCode.WRONG_PACKAGE);
  }

  @Test
  void rejectsMalformedPushes() {
    final String test = "\"testNotification\":{\"version\":\"1.0\"}";
    final String[] malformed = {
        "",
        "not json",
        "[]",
        "{\"subscription\":\"s\"}",
        "{\"message\":{\"messageId\":\"1\"}}",
        "{\"message\":{\"data\":\"%%%\",\"messageId\":\"1\"}}",
        "{\"message\":{\"data\":\"" + base64(notification(test)) + "\"}}",
        "{\"message\":{\"data\":\"" + base64(notification(test))
            + "\",\"messageId\":\"1\",\"publishTime\":\"yesterday\"}}",
        push("not json"),
        push(notification("")),
        push(notification(test
            + ",\"oneTimeProductNotification\":{\"notificationType\":1,\"purchaseToken\":\"t\",\"sku\":\"s\"}")),
        push(notification("\"voidedPurchaseNotification\":{\"orderId\":\"GPA.1\",\"productType\":2}")),
        push(notification("\"subscriptionNotification\":{\"notificationType\":\"2\",\"purchaseToken\":\"t\"}")),
        push("{\"packageName\":\"" + PACKAGE + "\",\"eventTimeMillis\":\"soon\"," + test + "}"),
        push("{\"packageName\":\"" + PACKAGE + "\"," + test + "}"),
        push("{\"eventTimeMillis\":\"1\"," + test + "}"),
    };
    for (final String body : malformed) {
      assertRejected(() -> GooglePlayNotifications.parsePush(body, PACKAGE), RejectionCode.MALFORMED_NOTIFICATION);
    }
  }

  @Test
  void rejectsDataThatIsNotUtf8() {
    final String data = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, (byte) 0x28});

    assertRejected(() -> GooglePlayNotifications.parsePush(
        "{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"1\"}}", PACKAGE),
        RejectionCode.MALFORMED_NOTIFICATION);
  }

  private static String notification(final String kind) {
    return "{\"version\":\"1.0\",\"packageName\":\"" + PACKAGE + "\",\"eventTimeMillis\":\"1709288130000\""
        + (kind.isEmpty() ? "" : "," + kind) + "}";
  }

  private static String push(final String notificationJson) {
    return "{\"message\":{\"attributes\":{},\"data\":\"" + base64(notificationJson) + "\","
        + "\"messageId\":\"136969346945\",\"message_id\":\"136969346945\","
        + "\"publishTime\":\"2024-03-01T10:15:30.123Z\",\"publish_time\":\"2024-03-01T10:15:30.123Z\"},"
        + "\"subscription\":\"projects/p/subscriptions/play-rtdn\"}";
  }

  private static String base64(final String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

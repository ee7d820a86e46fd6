package dev.coffer.gateway.receipts.google;

import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.RejectionCode;
import dev.coffer.gateway.requests.JsonReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Parses Google Play real-time developer notifications from a Pub/Sub push body:
 * {@code {"message": {"data": base64(DeveloperNotification JSON), "messageId", "publishTime", ...},
 * "subscription"}}. Every defect is a {@link RejectionCode#MALFORMED_NOTIFICATION}; a notification for another
 * package is {@link RejectionCode#WRONG_PACKAGE}.
 *
 * <p>Pub/Sub push is not signed by Google Play: the endpoint must be guarded (a secret in the URL, or Pub/Sub's
 * OIDC token) before this parser is reached.
 */
public final class GooglePlayNotifications {

  private static final RejectionCode MALFORMED = RejectionCode.MALFORMED_NOTIFICATION;

  private GooglePlayNotifications() {
  }

  /**
   * Parses a push body and checks it is for {@code expectedPackageName}.
   *
   * @param pushBody            the HTTP body Pub/Sub pushed
   * @param expectedPackageName the app's package name
   * @return the notification
   * @throws ReceiptRejectedException MALFORMED_NOTIFICATION on any format defect, WRONG_PACKAGE for another app
   */
  public static GooglePlayNotification parsePush(final String pushBody, final String expectedPackageName)
      throws ReceiptRejectedException {
    Objects.requireNonNull(expectedPackageName, "expectedPackageName");
    final JsonReader<ReceiptRejectedException> envelope = JsonReader.parse(pushBody,
        ReceiptRejectedException.as(MALFORMED), "push body");
    final JsonReader<ReceiptRejectedException> message = envelope.optionalObject("message");
    if (message == null) {
      throw new ReceiptRejectedException(MALFORMED, "push body has no message");
    }
    // Pub/Sub push writes both spellings; either is enough.
    final String messageId = message.has("messageId") ? message.text("messageId") : message.text("message_id");
    final String publishTimeText = message.has("publishTime")
        ? message.optionalText("publishTime") : message.optionalText("publish_time");
    final Instant publishTime = publishTimeText == null ? null : instant(publishTimeText, "publishTime");

    final JsonReader<ReceiptRejectedException> notification = JsonReader.parse(
        decodeData(message.text("data")), ReceiptRejectedException.as(MALFORMED), "DeveloperNotification");
    final String packageName = notification.text("packageName");
    if (!expectedPackageName.equals(packageName)) {
      throw new ReceiptRejectedException(RejectionCode.WRONG_PACKAGE,
          "notification is for package " + packageName + ", expected " + expectedPackageName);
    }
    return new GooglePlayNotification(
        messageId,
        publishTime,
        envelope.optionalText("subscription"),
        notification.optionalText("version"),
        packageName,
        Instant.ofEpochMilli(notification.int64("eventTimeMillis")),
        event(notification));
  }

  private static GooglePlayNotification.Event event(final JsonReader<ReceiptRejectedException> notification)
      throws ReceiptRejectedException {
    final List<GooglePlayNotification.Event> events = new ArrayList<>(1);
    final JsonReader<ReceiptRejectedException> oneTime = notification.optionalObject("oneTimeProductNotification");
    if (oneTime != null) {
      events.add(new GooglePlayNotification.OneTimeProduct(
          intField(oneTime, "notificationType"), oneTime.text("purchaseToken"), oneTime.text("sku")));
    }
    final JsonReader<ReceiptRejectedException> subscription =
        notification.optionalObject("subscriptionNotification");
    if (subscription != null) {
      events.add(new GooglePlayNotification.Subscription(
          intField(subscription, "notificationType"), subscription.text("purchaseToken"),
          subscription.optionalText("subscriptionId")));
    }
    final JsonReader<ReceiptRejectedException> voided = notification.optionalObject("voidedPurchaseNotification");
    if (voided != null) {
      events.add(new GooglePlayNotification.VoidedPurchase(
          voided.text("purchaseToken"), voided.text("orderId"), intField(voided, "productType"),
          voided.has("refundType") ? intField(voided, "refundType") : 0));
    }
    if (notification.optionalObject("testNotification") != null) {
      events.add(new GooglePlayNotification.Test());
    }
    if (events.size() != 1) {
      throw new ReceiptRejectedException(MALFORMED, "DeveloperNotification must carry exactly one of "
          + "oneTimeProductNotification, subscriptionNotification, voidedPurchaseNotification, "
          + "testNotification; found " + events.size());
    }
    return events.get(0);
  }

  private static int intField(final JsonReader<ReceiptRejectedException> fields, final String field)
      throws ReceiptRejectedException {
    final long value = fields.integer(field);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ReceiptRejectedException(MALFORMED, field + " is out of range: " + value);
    }
    return (int) value;
  }

  private static String decodeData(final String data) throws ReceiptRejectedException {
    final byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data);
    } catch (final IllegalArgumentException e) {
      throw new ReceiptRejectedException(MALFORMED, "message.data is not base64", e);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (final CharacterCodingException e) {
      throw new ReceiptRejectedException(MALFORMED, "message.data is not UTF-8 text", e);
    }
  }

  private static Instant instant(final String text, final String field) throws ReceiptRejectedException {
    try {
      return Instant.parse(text);
    } catch (final DateTimeParseException e) {
      throw new ReceiptRejectedException(MALFORMED, field + " is not an RFC 3339 time: " + text, e);
    }
  }
}

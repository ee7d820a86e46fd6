package dev.coffer.gateway.receipts.apple;

import com.apple.itunes.storekit.client.APIException;
import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.client.GetTransactionHistoryVersion;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.HistoryResponse;
import com.apple.itunes.storekit.model.LastTransactionsItem;
import com.apple.itunes.storekit.model.StatusResponse;
import com.apple.itunes.storekit.model.SubscriptionGroupIdentifierItem;
import com.apple.itunes.storekit.model.TransactionHistoryRequest;
import dev.coffer.gateway.receipts.ReceiptRejectedException;
import dev.coffer.gateway.receipts.StoreApiException;
import dev.coffer.gateway.receipts.VerifiedReceipt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The calls Coffer makes to the App Store Server API, through Apple's own {@link AppStoreServerAPIClient}
 * (which signs its ES256 bearer token with the app's In-App Purchase key): Get Transaction History and Get All
 * Subscription Statuses. Every signed transaction and renewal info in the answers is verified like a receipt
 * (Apple's {@code SignedDataVerifier}, the app's trusted roots, bundle id and environment).
 */
public final class AppleServerApi {

  /** Pages of history read at most per subscription (20 transactions a page): bounds one call's work. */
  private static final int MAX_PAGES = 50;

  private final AppStoreServerAPIClient client;
  private final AppleReceiptVerifier verifier;

  /**
   * @param settings the app's API key and, for tests, base URL
   * @param verifier the app's App Store verifier (bundle id, environment, trusted roots)
   */
  public AppleServerApi(final AppleApiSettings settings, final AppleReceiptVerifier verifier) {
    Objects.requireNonNull(settings, "settings");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    final AppleSettings app = verifier.settings();
    this.client = new RebasedClient(settings.privateKeyPem(), settings.keyId(), settings.issuerId(), app.bundleId(),
        app.appleEnvironment(), settings.baseUrl());
  }

  /**
   * Every transaction of one subscription, oldest first (Get Transaction History, v2, paged by revision),
   * verified.
   *
   * @param originalTransactionId the subscription's original transaction id
   * @return its transactions (the history lists all of the customer's; only this subscription's are kept)
   * @throws StoreApiException if a call fails or a signed transaction does not verify
   */
  public List<VerifiedReceipt> history(final String originalTransactionId) throws StoreApiException {
    final List<VerifiedReceipt> transactions = new ArrayList<>();
    String revision = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      final HistoryResponse response;
      try {
        response = client.getTransactionHistory(originalTransactionId, revision,
            new TransactionHistoryRequest().sort(TransactionHistoryRequest.Order.ASCENDING),
            GetTransactionHistoryVersion.V2);
      } catch (final APIException e) {
        throw failure("reading the transaction history of " + originalTransactionId, e);
      } catch (final IOException e) {
        throw new StoreApiException(StoreApiException.Kind.UNAVAILABLE,
            "reading the transaction history of " + originalTransactionId + " failed: " + e.getMessage(), e);
      }
      for (final String signed : Optional.ofNullable(response.getSignedTransactions()).orElse(List.of())) {
        final VerifiedReceipt tx = verified(signed);
        if (originalTransactionId.equals(tx.originalTransactionId())) {
          transactions.add(tx);
        }
      }
      revision = response.getRevision();
      if (!Boolean.TRUE.equals(response.getHasMore()) || revision == null) {
        return transactions;
      }
    }
    throw new StoreApiException(StoreApiException.Kind.UNAVAILABLE, "the transaction history of "
        + originalTransactionId + " has more than " + MAX_PAGES + " pages", null);
  }

  /**
   * A subscription's status as Get All Subscription Statuses reports it.
   *
   * @param status      Apple's status: 1 active, 2 expired, 3 billing retry, 4 grace period, 5 revoked
   * @param transaction the latest transaction, verified
   * @param renewal     the renewal info, verified; nullable
   */
  public record Status(int status, VerifiedReceipt transaction, AppleRenewalInfo renewal) {
  }

  /**
   * Reads one subscription's status.
   *
   * @param originalTransactionId the subscription's original transaction id
   * @return its status, empty if Apple lists none for it
   * @throws StoreApiException if the call fails or its signed data does not verify
   */
  public Optional<Status> status(final String originalTransactionId) throws StoreApiException {
    final StatusResponse response;
    try {
      response = client.getAllSubscriptionStatuses(originalTransactionId, null);
    } catch (final APIException e) {
      throw failure("reading the subscription statuses of " + originalTransactionId, e);
    } catch (final IOException e) {
      throw new StoreApiException(StoreApiException.Kind.UNAVAILABLE,
          "reading the subscription statuses of " + originalTransactionId + " failed: " + e.getMessage(), e);
    }
    for (final SubscriptionGroupIdentifierItem group : Optional.ofNullable(response.getData()).orElse(List.of())) {
      for (final LastTransactionsItem item : Optional.ofNullable(group.getLastTransactions()).orElse(List.of())) {
        if (originalTransactionId.equals(item.getOriginalTransactionId()) && item.getRawStatus() != null
            && item.getSignedTransactionInfo() != null) {
          final AppleRenewalInfo renewal;
          try {
            renewal = item.getSignedRenewalInfo() == null ? null
                : verifier.decodeRenewalInfo(item.getSignedRenewalInfo());
          } catch (final ReceiptRejectedException e) {
            throw untrusted(e);
          }
          return Optional.of(new Status(item.getRawStatus(), verified(item.getSignedTransactionInfo()),
              renewal));
        }
      }
    }
    return Optional.empty();
  }

  private VerifiedReceipt verified(final String signedTransaction) throws StoreApiException {
    try {
      return verifier.decodeTransaction(signedTransaction);
    } catch (final ReceiptRejectedException e) {
      throw untrusted(e);
    }
  }

  private static StoreApiException untrusted(final ReceiptRejectedException e) {
    return new StoreApiException(StoreApiException.Kind.REFUSED,
        "signed data from the App Store Server API does not verify (" + e.code() + "): " + e.getMessage(), e);
  }

  private static StoreApiException failure(final String what, final APIException e) {
    final int status = e.getHttpStatusCode();
    final StoreApiException.Kind kind = status >= 400 && status < 500 && status != 429
        ? StoreApiException.Kind.REFUSED : StoreApiException.Kind.UNAVAILABLE;
    return new StoreApiException(kind, what + ": the App Store Server API answered " + status
        + (e.getApiErrorMessage() == null ? "" : " " + e.getApiErrorMessage()), e);
  }

  /** Apple's client with its requests sent to a configured base URL (the path and query stay Apple's). */
  private static final class RebasedClient extends AppStoreServerAPIClient {
    private final HttpUrl base;

    RebasedClient(final String key, final String keyId, final String issuerId, final String bundleId,
                  final Environment environment, final String baseUrl) {
      super(key, keyId, issuerId, bundleId, environment);
      this.base = baseUrl == null ? null : HttpUrl.get(baseUrl);
    }

    @Override
    protected Response getResponse(final Request request) throws IOException {
      if (base == null) {
        return super.getResponse(request);
      }
      final HttpUrl url = request.url().newBuilder().scheme(base.scheme()).host(base.host()).port(base.port())
          .build();
      return super.getResponse(request.newBuilder().url(url).build());
    }
  }
}

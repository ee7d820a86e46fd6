package dev.coffer.gateway.purchases;

import dev.coffer.apps.App;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.apps.StoreSettings;
import dev.coffer.gateway.receipts.apple.AppleReceiptVerifier;
import dev.coffer.gateway.receipts.apple.AppleServerApi;
import dev.coffer.gateway.receipts.apple.AppleSettings;
import dev.coffer.gateway.receipts.google.GooglePlayApi;
import dev.coffer.gateway.receipts.google.GooglePlaySettings;
import dev.coffer.gateway.receipts.google.GooglePlayVerifier;
import dev.coffer.gateway.receipts.huawei.HuaweiVerifier;
import dev.coffer.gateway.receipts.stripe.StripeWebhooks;
import dev.coffer.gateway.receipts.teststore.TestReceiptVerifier;
import dev.coffer.gateway.receipts.teststore.TestStoreSettings;
import java.time.Clock;
import java.util.Optional;

/**
 * One app's receipt verifiers, built once from its store settings; a store without settings has
 * none (its receipts are refused with {@code STORE_DISABLED}).
 *
 * @param googlePlay Google Play's verifier; nullable
 * @param cafeBazaar Cafe Bazaar's verifier; nullable
 * @param apple the App Store's verifier; nullable
 * @param test the test store's verifier (refuses everything when disabled)
 * @param huawei Huawei AppGallery's verifier; nullable
 * @param stripe Stripe's webhook verifier; nullable
 * @param googlePlayApi the Google Play Developer API; nullable
 * @param appleApi the App Store Server API; nullable
 * @param options the app's settings beyond the apps file's store settings (buyer binding, ...)
 */
public record AppStores(GooglePlayVerifier googlePlay, GooglePlayVerifier cafeBazaar, AppleReceiptVerifier apple,
                        TestReceiptVerifier test, HuaweiVerifier huawei, StripeWebhooks stripe,
                        GooglePlayApi googlePlayApi, AppleServerApi appleApi, StoreOptions options) {

  /** Builds the verifiers of {@code app} from its apps-file settings. */
  public static AppStores of(final App app, final Clock clock) {
    return of(app, StoreOptions.of(app), clock);
  }

  /** Builds the verifiers of {@code app} with its {@code options}. */
  public static AppStores of(final App app, final StoreOptions options, final Clock clock) {
    final StoreSettings s = app.stores();
    final AppleReceiptVerifier apple = s.apple() == null ? null : new AppleReceiptVerifier(new AppleSettings(
        s.apple().bundleId(), s.apple().appAppleId(), s.apple().environment(), s.apple().trustedRootsDer()), clock);
    if (options.appleApi() != null && apple == null) {
      throw new IllegalArgumentException("app " + app.appId() + ": the App Store Server API needs the App Store's"
          + " settings (bundle id, environment, trusted roots)");
    }
    return new AppStores(
        s.googlePlay() == null ? null : GooglePlayVerifier.googlePlay(
            new GooglePlaySettings(s.googlePlay().packageName(), s.googlePlay().publicKeyBase64())),
        s.cafeBazaar() == null ? null : GooglePlayVerifier.cafeBazaar(
            new GooglePlaySettings(s.cafeBazaar().packageName(), s.cafeBazaar().publicKeyBase64())),
        apple,
        new TestReceiptVerifier(new TestStoreSettings(app.appId(), s.test() == null ? null : s.test().secret())),
        options.huawei() == null ? null : new HuaweiVerifier(options.huawei(), clock),
        options.stripe() == null ? null : new StripeWebhooks(options.stripe(), clock),
        options.googlePlayApi() == null ? null : googlePlayApi(app, options, clock),
        options.appleApi() == null ? null : new AppleServerApi(options.appleApi(), apple),
        options);
  }

  private static GooglePlayApi googlePlayApi(final App app, final StoreOptions options, final Clock clock) {
    try {
      return new GooglePlayApi(options.googlePlayApi(), clock);
    } catch (final IllegalArgumentException e) {
      throw new AppsConfigException("apps[" + app.appId() + "].stores.googlePlay.api.serviceAccountFile",
          e.getMessage(), e);
    }
  }

  /** The App Store verifier, if the app sells there. */
  public Optional<AppleReceiptVerifier> appleIfEnabled() {
    return Optional.ofNullable(apple);
  }
}

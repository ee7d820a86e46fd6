package dev.coffer.gateway.purchases;

import dev.coffer.apps.App;
import dev.coffer.apps.AppsConfigException;
import dev.coffer.apps.StoreSettings;
import dev.coffer.gateway.receipts.BuyerBinding;
import dev.coffer.gateway.receipts.apple.AppleApiSettings;
import dev.coffer.gateway.receipts.google.GooglePlayApiSettings;
import dev.coffer.gateway.receipts.huawei.HuaweiSettings;
import dev.coffer.gateway.receipts.stripe.StripeSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One app's store settings beyond what {@code dev.coffer.apps.StoreSettings} holds today: buyer binding per
 * store and the stores the apps file does not know yet (Huawei AppGallery, Stripe). Built from already parsed values (the apps file's reader is being rewritten; once it carries these
 * keys, {@link AppStores#of} reads them from the app).
 *
 * @param googlePlayBinding whether Google Play receipts must name the player ({@code obfuscatedAccountId})
 * @param appleBinding whether App Store transactions must name the player ({@code appAccountToken})
 * @param huawei Huawei AppGallery IAP; nullable (the store is disabled)
 * @param stripe Stripe webhooks; nullable (the endpoint refuses deliveries)
 * @param googlePlayApi the Google Play Developer API; nullable (partial refunds and subscription state are
 *     then not read from Google)
 * @param appleApi the App Store Server API; nullable (App Store subscriptions cannot be reconciled)
 */
public record StoreOptions(BuyerBinding googlePlayBinding, BuyerBinding appleBinding, HuaweiSettings huawei,
                           StripeSettings stripe, GooglePlayApiSettings googlePlayApi, AppleApiSettings appleApi) {

  /** Requires every field. */
  public StoreOptions {
    Objects.requireNonNull(googlePlayBinding, "googlePlayBinding");
    Objects.requireNonNull(appleBinding, "appleBinding");
  }

  /**
   * The options the app's apps-file settings give ({@code stores.googlePlay.buyerBinding}, {@code .api},
   * {@code stores.apple.buyerBinding}, {@code .api}, {@code stores.huaweiAppGallery}, {@code stores.stripe}).
   *
   * @param app the app
   * @return its options
   * @throws AppsConfigException naming the setting a store refuses (a key too short, a file that is no key)
   */
  public static StoreOptions of(final App app) {
    final StoreSettings s = app.stores();
    final String at = "apps[" + app.appId() + "].stores";
    StoreOptions options = none();
    if (s.googlePlay() != null) {
      final StoreSettings.SignedPurchaseStore google = s.googlePlay();
      options = options.withGooglePlayBinding(binding(google.buyerBinding(), at + ".googlePlay.buyerBinding"));
      if (google.api() != null) {
        options = options.withGooglePlayApi(setting(at + ".googlePlay.api", () -> new GooglePlayApiSettings(
            google.packageName(), google.api().serviceAccountJson(), google.api().rootUrl() == null
                ? GooglePlayApiSettings.GOOGLE_ROOT_URL : google.api().rootUrl(), Duration.ofSeconds(10))));
      }
    }
    if (s.apple() != null) {
      final StoreSettings.AppleStore apple = s.apple();
      options = options.withAppleBinding(binding(apple.buyerBinding(), at + ".apple.buyerBinding"));
      if (apple.api() != null) {
        options = options.withAppleApi(setting(at + ".apple.api", () -> new AppleApiSettings(apple.api().keyId(),
            apple.api().issuerId(), new String(apple.api().privateKeyPem(), StandardCharsets.US_ASCII),
            apple.api().baseUrl())));
      }
    }
    if (s.huaweiAppGallery() != null) {
      final StoreSettings.HuaweiStore huawei = s.huaweiAppGallery();
      options = options.withHuawei(setting(at + ".huaweiAppGallery", () -> new HuaweiSettings(huawei.packageName(),
          huawei.applicationId(), huawei.publicKey())));
    }
    if (s.stripe() != null) {
      final StoreSettings.StripeStore stripe = s.stripe();
      options = options.withStripe(setting(at + ".stripe", () -> new StripeSettings(stripe.endpointSecrets(),
          stripe.toleranceSeconds() == null ? StripeSettings.DEFAULT_TOLERANCE
              : Duration.ofSeconds(stripe.toleranceSeconds()))));
    }
    return options;
  }

  private static BuyerBinding binding(final String text, final String key) {
    return text == null ? BuyerBinding.OFF : setting(key, () -> BuyerBinding.parse(text));
  }

  /** A store's own check of a setting (a key's size, a file's content) as an error naming the setting. */
  private static <T> T setting(final String key, final Supplier<T> settings) {
    try {
      return settings.get();
    } catch (final IllegalArgumentException e) {
      throw new AppsConfigException(key, e.getMessage(), e);
    }
  }

  /** Nothing beyond the apps file: no buyer binding. */
  public static StoreOptions none() {
    return new StoreOptions(BuyerBinding.OFF, BuyerBinding.OFF, null, null, null, null);
  }

  /** These options with Google Play's buyer binding. */
  public StoreOptions withGooglePlayBinding(final BuyerBinding binding) {
    return new StoreOptions(binding, appleBinding, huawei, stripe, googlePlayApi, appleApi);
  }

  /** These options with the App Store's buyer binding. */
  public StoreOptions withAppleBinding(final BuyerBinding binding) {
    return new StoreOptions(googlePlayBinding, binding, huawei, stripe, googlePlayApi, appleApi);
  }

  /** These options with Huawei AppGallery enabled. */
  public StoreOptions withHuawei(final HuaweiSettings settings) {
    return new StoreOptions(googlePlayBinding, appleBinding, settings, stripe, googlePlayApi, appleApi);
  }

  /** These options with the Google Play Developer API. */
  public StoreOptions withGooglePlayApi(final GooglePlayApiSettings settings) {
    return new StoreOptions(googlePlayBinding, appleBinding, huawei, stripe, settings, appleApi);
  }

  /** These options with the App Store Server API. */
  public StoreOptions withAppleApi(final AppleApiSettings settings) {
    return new StoreOptions(googlePlayBinding, appleBinding, huawei, stripe, googlePlayApi, settings);
  }

  /** These options with Stripe webhooks enabled. */
  public StoreOptions withStripe(final StripeSettings settings) {
    return new StoreOptions(googlePlayBinding, appleBinding, huawei, settings, googlePlayApi, appleApi);
  }
}

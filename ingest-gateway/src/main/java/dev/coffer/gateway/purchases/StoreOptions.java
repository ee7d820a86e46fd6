package dev.coffer.gateway.purchases;

import dev.coffer.gateway.receipts.BuyerBinding;
import dev.coffer.gateway.receipts.apple.AppleApiSettings;
import dev.coffer.gateway.receipts.google.GooglePlayApiSettings;
import dev.coffer.gateway.receipts.huawei.HuaweiSettings;
import dev.coffer.gateway.receipts.stripe.StripeSettings;
import java.util.Objects;

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

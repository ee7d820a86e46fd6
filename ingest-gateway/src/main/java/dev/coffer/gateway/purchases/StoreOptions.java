package dev.coffer.gateway.purchases;

import dev.coffer.gateway.receipts.BuyerBinding;
import java.util.Objects;

/**
 * One app's store settings beyond what {@code dev.coffer.apps.StoreSettings} holds today: buyer binding per
 * store. Built from already parsed values (the apps file's reader is being rewritten; once it carries these
 * keys, {@link AppStores#of} reads them from the app).
 *
 * @param googlePlayBinding whether Google Play receipts must name the player ({@code obfuscatedAccountId})
 * @param appleBinding whether App Store transactions must name the player ({@code appAccountToken})
 */
public record StoreOptions(BuyerBinding googlePlayBinding, BuyerBinding appleBinding) {

  /** Requires every field. */
  public StoreOptions {
    Objects.requireNonNull(googlePlayBinding, "googlePlayBinding");
    Objects.requireNonNull(appleBinding, "appleBinding");
  }

  /** Nothing beyond the apps file: no buyer binding. */
  public static StoreOptions none() {
    return new StoreOptions(BuyerBinding.OFF, BuyerBinding.OFF);
  }

  /** These options with Google Play's buyer binding. */
  public StoreOptions withGooglePlayBinding(final BuyerBinding binding) {
    return new StoreOptions(binding, appleBinding);
  }

  /** These options with the App Store's buyer binding. */
  public StoreOptions withAppleBinding(final BuyerBinding binding) {
    return new StoreOptions(googlePlayBinding, binding);
  }
}

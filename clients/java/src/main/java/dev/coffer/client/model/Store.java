package dev.coffer.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.Locale;

/**
 * A store, as outcomes and reads name it ({@code GOOGLE_PLAY}); a purchase request names it in lower
 * case ({@link #wireName()}, e.g. {@code google_play}).
 *
 * <p>A copy of the wire enum, symbol for symbol ({@code WireEnumsTest} fails when they drift).
 * A symbol added by a newer server reads as {@link #UNKNOWN}.
 */
public enum Store {
  /** A value this SDK does not know (added after it was built). */
  @JsonEnumDefaultValue UNKNOWN,
  /** Google Play. */
  GOOGLE_PLAY,
  /** The App Store (StoreKit 2). */
  APPLE_APP_STORE,
  /** Cafe Bazaar. */
  CAFE_BAZAAR,
  /** Coffer's test store. */
  TEST,
  /** Huawei AppGallery. */
  HUAWEI_APPGALLERY,
  /** Stripe (web purchases, by webhook). */
  STRIPE;

  /** The name a purchase request gives the store: {@code google_play}, {@code apple_app_store}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

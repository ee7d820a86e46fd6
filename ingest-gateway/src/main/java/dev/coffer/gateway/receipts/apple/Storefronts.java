package dev.coffer.gateway.receipts.apple;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Apple storefronts are ISO 3166-1 alpha-3 codes; the purchase log wants alpha-2. */
final class Storefronts {

  // Built once from the JDK's own ISO 3166 data.
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = build();

  private Storefronts() {
  }

  /** @return the alpha-2 code of {@code alpha3}, or null when absent or unknown */
  static String alpha2(final String alpha3) {
    return alpha3 == null ? null : ALPHA3_TO_ALPHA2.get(alpha3.toUpperCase(Locale.ROOT));
  }

  private static Map<String, String> build() {
    final Map<String, String> map = new HashMap<>();
    for (final String alpha2 : Locale.getISOCountries()) {
      map.put(Locale.of("", alpha2).getISO3Country(), alpha2);
    }
    return Map.copyOf(map);
  }
}

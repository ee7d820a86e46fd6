package dev.coffer.gateway.purchases;

import dev.coffer.apps.AppsConfigException;
import dev.coffer.gateway.receipts.BuyerBinding;
import dev.coffer.gateway.receipts.apple.AppleApiSettings;
import dev.coffer.gateway.receipts.google.GooglePlayApiSettings;
import dev.coffer.gateway.receipts.huawei.HuaweiSettings;
import dev.coffer.gateway.receipts.stripe.StripeSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Reads an app's {@link StoreOptions} from its {@code stores} map of the apps file, already parsed (YAML to
 * maps, lists and scalars), naming the bad key on any error. It reads only the keys {@code dev.coffer.apps}
 * does not (yet) read, and ignores the others:
 *
 * <pre>{@code
 * stores:
 *   googlePlay:
 *     buyerBinding: require            # off (default), check or require: obfuscatedAccountId
 *     api:                             # the Play Developer API
 *       serviceAccountFile: play-sa.json   # relative to the apps file
 *       rootUrl: https://androidpublisher.googleapis.com/   # optional
 *   apple:
 *     buyerBinding: check              # appAccountToken
 *     api:                             # the App Store Server API
 *       keyId: ABC123DEFG
 *       issuerId: 57246542-96fe-1a63-e053-0824d011072a
 *       privateKeyFile: SubscriptionKey_ABC123DEFG.p8
 *       baseUrl: http://127.0.0.1:9999   # optional, tests only
 *   huaweiAppGallery:
 *     packageName: com.example.game
 *     applicationId: 101234567         # optional
 *     publicKey: MIIBojANBg...         # the IAP public key, base64 X.509
 *   stripe:
 *     endpointSecrets: [env:STRIPE_WEBHOOK_SECRET]
 *     toleranceSeconds: 300            # optional
 * }</pre>
 * Secrets written {@code env:NAME} are read from the environment. The apps file's reader is being rewritten
 * (Jackson-bound records with a JSON Schema); until it accepts these keys, this class takes its values.
 */
public final class StoreOptionsReader {
  private static final String ENV = "env:";

  private final Path baseDir;
  private final UnaryOperator<String> env;

  /**
   * @param baseDir the folder relative file paths are resolved against (the apps file's)
   * @param env the environment {@code env:NAME} secrets are read from
   */
  public StoreOptionsReader(final Path baseDir, final UnaryOperator<String> env) {
    this.baseDir = baseDir;
    this.env = env;
  }

  /**
   * Reads the options.
   *
   * @param path the key of the map, for errors ({@code apps[0].stores})
   * @param stores the app's parsed {@code stores} map; null for none
   * @return the options
   * @throws AppsConfigException naming the first bad key
   */
  public StoreOptions read(final String path, final Map<String, ?> stores) {
    StoreOptions options = StoreOptions.none();
    if (stores == null) {
      return options;
    }
    final Map<String, ?> google = map(stores.get("googlePlay"), path + ".googlePlay");
    if (google != null) {
      options = options.withGooglePlayBinding(binding(google, path + ".googlePlay"));
      final Map<String, ?> api = map(google.get("api"), path + ".googlePlay.api");
      if (api != null) {
        only(api, path + ".googlePlay.api", Set.of("serviceAccountFile", "rootUrl"));
        final String packageName = text(google, path + ".googlePlay", "packageName", true);
        final String rootUrl = text(api, path + ".googlePlay.api", "rootUrl", false);
        options = options.withGooglePlayApi(build(path + ".googlePlay.api", () -> GooglePlayApiSettings.fromFile(
            packageName, file(text(api, path + ".googlePlay.api", "serviceAccountFile", true)), rootUrl)));
      }
    }
    final Map<String, ?> apple = map(stores.get("apple"), path + ".apple");
    if (apple != null) {
      options = options.withAppleBinding(binding(apple, path + ".apple"));
      final Map<String, ?> api = map(apple.get("api"), path + ".apple.api");
      if (api != null) {
        final String at = path + ".apple.api";
        only(api, at, Set.of("keyId", "issuerId", "privateKeyFile", "baseUrl"));
        final String keyId = text(api, at, "keyId", true);
        final String issuerId = text(api, at, "issuerId", true);
        final Path key = file(text(api, at, "privateKeyFile", true));
        final String baseUrl = text(api, at, "baseUrl", false);
        options = options.withAppleApi(build(at, () -> AppleApiSettings.fromFile(keyId, issuerId, key, baseUrl)));
      }
    }
    final Map<String, ?> huawei = map(stores.get("huaweiAppGallery"), path + ".huaweiAppGallery");
    if (huawei != null) {
      final String at = path + ".huaweiAppGallery";
      only(huawei, at, Set.of("packageName", "applicationId", "publicKey"));
      final Object appId = huawei.get("applicationId");
      if (appId != null && !(appId instanceof Number)) {
        throw new AppsConfigException(at + ".applicationId", "must be a number");
      }
      final String packageName = text(huawei, at, "packageName", true);
      final String publicKey = text(huawei, at, "publicKey", true);
      options = options.withHuawei(build(at, () -> new HuaweiSettings(packageName,
          appId == null ? null : ((Number) appId).longValue(), publicKey)));
    }
    final Map<String, ?> stripe = map(stores.get("stripe"), path + ".stripe");
    if (stripe != null) {
      final String at = path + ".stripe";
      only(stripe, at, Set.of("endpointSecrets", "toleranceSeconds"));
      if (!(stripe.get("endpointSecrets") instanceof List<?> list) || list.isEmpty()) {
        throw new AppsConfigException(at + ".endpointSecrets", "must list at least one webhook signing secret");
      }
      final List<String> secrets = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof String s) || s.isBlank()) {
          throw new AppsConfigException(at + ".endpointSecrets[" + i + "]", "must be text (whsec_... or env:NAME)");
        }
        secrets.add(resolve(s, at + ".endpointSecrets[" + i + "]"));
      }
      final Object tolerance = stripe.get("toleranceSeconds");
      if (tolerance != null && !(tolerance instanceof Number n && n.longValue() > 0)) {
        throw new AppsConfigException(at + ".toleranceSeconds", "must be a positive number of seconds");
      }
      options = options.withStripe(build(at, () -> new StripeSettings(secrets, tolerance == null
          ? StripeSettings.DEFAULT_TOLERANCE : Duration.ofSeconds(((Number) tolerance).longValue()))));
    }
    return options;
  }

  private BuyerBinding binding(final Map<String, ?> store, final String path) {
    final String text = text(store, path, "buyerBinding", false);
    return text == null ? BuyerBinding.OFF : build(path + ".buyerBinding", () -> BuyerBinding.parse(text));
  }

  private Path file(final String name) {
    return baseDir == null ? Path.of(name) : baseDir.resolve(name);
  }

  private String resolve(final String value, final String path) {
    if (!value.startsWith(ENV)) {
      return value;
    }
    final String fromEnv = env.apply(value.substring(ENV.length()));
    if (fromEnv == null || fromEnv.isEmpty()) {
      throw new AppsConfigException(path, "environment variable " + value.substring(ENV.length()) + " is not set");
    }
    return fromEnv;
  }

  /** Builds a setting, turning its own validation failure into an error naming the key. */
  private static <T> T build(final String path, final Supplier<T> settings) {
    try {
      return settings.get();
    } catch (final IllegalArgumentException | UncheckedIOException e) {
      throw new AppsConfigException(path, e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> map(final Object value, final String path) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new AppsConfigException(path, "must be a map");
    }
    return (Map<String, ?>) value;
  }

  private static String text(final Map<String, ?> map, final String path, final String field, final boolean required) {
    final Object value = map.get(field);
    if (value == null) {
      if (required) {
        throw new AppsConfigException(path + "." + field, "is required");
      }
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw new AppsConfigException(path + "." + field, "must be non-empty text");
    }
    return s;
  }

  private static void only(final Map<String, ?> map, final String path, final Set<String> allowed) {
    for (final String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw new AppsConfigException(path + "." + key, "unknown key; expected one of " + String.join(", ",
            new TreeSet<>(allowed)));
      }
    }
  }
}

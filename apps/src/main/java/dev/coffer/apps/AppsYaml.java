package dev.coffer.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads the apps file, checking every key and naming the first bad one by its path
 * ({@code apps[0].stores.apple.bundleId}). Unknown keys are errors too: a typo must not silently
 * disable a store.
 */
final class AppsYaml {
  /** The shortest pseudonym key and player-token secret, in bytes. */
  static final int MIN_SECRET_BYTES = 32;
  private static final Pattern CATALOG_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Set<String> STORE_NAMES = Set.of("google_play", "apple_app_store", "cafe_bazaar", "test");
  private static final String ENV_PREFIX = "env:";

  private final Path baseDir;
  private final UnaryOperator<String> env;

  AppsYaml(final Path baseDir, final UnaryOperator<String> env) {
    this.baseDir = baseDir;
    this.env = env;
  }

  List<App> parse(final String yaml) {
    final JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (final JsonProcessingException e) {
      throw new AppsConfigException("(file)", "not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new AppsConfigException("(file)", "must be a map with key apps");
    }
    only(root, "", "apps");
    final JsonNode apps = root.get("apps");
    if (apps == null || !apps.isArray() || apps.isEmpty()) {
      throw new AppsConfigException("apps", "must be a non-empty list");
    }
    final List<App> result = new ArrayList<>();
    final Set<String> ids = new HashSet<>();
    final Set<String> keyHashes = new HashSet<>();
    for (int i = 0; i < apps.size(); i++) {
      final App app = app(apps.get(i), "apps[" + i + "]");
      if (!ids.add(app.appId())) {
        throw new AppsConfigException("apps[" + i + "].appId", "duplicate app id " + app.appId());
      }
      for (int k = 0; k < app.keys().size(); k++) {
        // One key, one app: otherwise a key leaked from one app would open another.
        if (!keyHashes.add(app.keys().get(k).sha256Hex())) {
          throw new AppsConfigException("apps[" + i + "].keys[" + k + "].sha256", "the same key is configured twice");
        }
      }
      result.add(app);
    }
    return result;
  }

  private App app(final JsonNode node, final String path) {
    object(node, path);
    only(node, path, "appId", "keys", "pseudonymKey", "playerTokenSecret", "stores", "webhooks", "catalog");
    final String appId = text(node, path, "appId", true);
    if (!Identifiers.isAppId(appId)) {
      throw new AppsConfigException(path + ".appId",
          "must be 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter or digit");
    }
    final List<ApiKey> keys = keys(node.get("keys"), path + ".keys");
    final byte[] pseudonymKey = secretBytes(node, path, "pseudonymKey");
    final byte[] tokenSecret = secretBytes(node, path, "playerTokenSecret");
    final StoreSettings stores = node.has("stores") ? stores(node.get("stores"), path + ".stores", appId)
        : StoreSettings.none();
    final WebhookSettings webhooks = node.has("webhooks") ? webhooks(node.get("webhooks"), path + ".webhooks")
        : null;
    final InitialCatalog catalog = node.has("catalog") ? catalog(node.get("catalog"), path + ".catalog")
        : InitialCatalog.empty();
    return new App(appId, keys, pseudonymKey, tokenSecret, stores, webhooks, catalog);
  }

  private List<ApiKey> keys(final JsonNode node, final String path) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new AppsConfigException(path, "must be a non-empty list of {label, role, sha256}");
    }
    final List<ApiKey> keys = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      final String at = path + "[" + i + "]";
      final JsonNode key = node.get(i);
      object(key, at);
      only(key, at, "label", "role", "sha256");
      final String label = text(key, at, "label", true);
      final String role = text(key, at, "role", true);
      final KeyRole keyRole;
      try {
        keyRole = KeyRole.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (final IllegalArgumentException e) {
        throw new AppsConfigException(at + ".role", "must be server or client, was " + role, e);
      }
      final String hash = text(key, at, "sha256", true);
      if (!ApiKeys.isSha256Hex(hash)) {
        throw new AppsConfigException(at + ".sha256",
            "must be the key's SHA-256 as 64 hex digits (never the key itself)");
      }
      keys.add(new ApiKey(label, keyRole, hash));
    }
    return keys;
  }

  private StoreSettings stores(final JsonNode node, final String path, final String appId) {
    object(node, path);
    only(node, path, "googlePlay", "cafeBazaar", "apple", "test");
    return new StoreSettings(
        node.has("googlePlay") ? signedPurchaseStore(node.get("googlePlay"), path + ".googlePlay", true) : null,
        node.has("cafeBazaar") ? signedPurchaseStore(node.get("cafeBazaar"), path + ".cafeBazaar", false) : null,
        node.has("apple") ? apple(node.get("apple"), path + ".apple") : null,
        node.has("test") ? testStore(node.get("test"), path + ".test") : null);
  }

  private StoreSettings.SignedPurchaseStore signedPurchaseStore(final JsonNode node, final String path,
                                                                final boolean google) {
    object(node, path);
    if (google) {
      only(node, path, "packageName", "publicKey", "notificationToken");
    } else {
      only(node, path, "packageName", "publicKey");
    }
    final String packageName = text(node, path, "packageName", true);
    final String publicKey = text(node, path, "publicKey", true);
    rsaKey(publicKey, path + ".publicKey");
    final String token = google ? secret(node, path, "notificationToken", false) : null;
    if (token != null && token.length() < 16) {
      throw new AppsConfigException(path + ".notificationToken", "must have at least 16 characters");
    }
    return new StoreSettings.SignedPurchaseStore(packageName, publicKey, token);
  }

  private static void rsaKey(final String base64, final String path) {
    final byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
    } catch (final IllegalArgumentException e) {
      throw new AppsConfigException(path, "is not base64", e);
    }
    try {
      final RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      if (key.getModulus().bitLength() < 1024) {
        throw new AppsConfigException(path, "is a " + key.getModulus().bitLength()
            + "-bit RSA key; store keys have at least 1024 bits");
      }
    } catch (final InvalidKeySpecException | ClassCastException e) {
      throw new AppsConfigException(path, "is not a base64 X.509 RSA public key", e);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA key factory", e);
    }
  }

  private StoreSettings.AppleStore apple(final JsonNode node, final String path) {
    object(node, path);
    only(node, path, "bundleId", "appAppleId", "environment", "trustedRoots");
    final String bundleId = text(node, path, "bundleId", true);
    final JsonNode appleId = node.get("appAppleId");
    if (appleId != null && !appleId.canConvertToExactIntegral()) {
      throw new AppsConfigException(path + ".appAppleId", "must be a number");
    }
    final String environment = text(node, path, "environment", true);
    final StoreEnvironment env;
    try {
      env = StoreEnvironment.valueOf(environment.toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new AppsConfigException(path + ".environment", "must be sandbox or production, was " + environment, e);
    }
    if (env == StoreEnvironment.PRODUCTION && appleId == null) {
      throw new AppsConfigException(path + ".appAppleId", "is required in production");
    }
    final JsonNode roots = node.get("trustedRoots");
    if (roots == null || !roots.isArray() || roots.isEmpty()) {
      throw new AppsConfigException(path + ".trustedRoots",
          "must list at least one root certificate (a DER or PEM file path, or base64:<DER>)");
    }
    final List<byte[]> ders = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      ders.add(certificate(roots.get(i), path + ".trustedRoots[" + i + "]"));
    }
    return new StoreSettings.AppleStore(bundleId, appleId == null ? null : appleId.longValue(), env, ders);
  }

  private byte[] certificate(final JsonNode node, final String path) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new AppsConfigException(path, "must be a file path or base64:<DER>");
    }
    final String value = node.asText().trim();
    byte[] der;
    if (value.startsWith("base64:")) {
      try {
        der = Base64.getDecoder().decode(value.substring("base64:".length()).replaceAll("\\s+", ""));
      } catch (final IllegalArgumentException e) {
        throw new AppsConfigException(path, "is not base64", e);
      }
    } else {
      final Path file = baseDir == null ? Path.of(value) : baseDir.resolve(value);
      try {
        der = Files.readAllBytes(file);
      } catch (final IOException e) {
        throw new AppsConfigException(path, "cannot read " + file, e);
      }
      final String text = new String(der, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN CERTIFICATE-----")) {
        final String body = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----") + 27,
            text.indexOf("-----END CERTIFICATE-----"));
        der = Base64.getMimeDecoder().decode(body);
      }
    }
    try {
      CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (final CertificateException e) {
      throw new AppsConfigException(path, "is not an X.509 certificate", e);
    }
    return der;
  }

  private StoreSettings.TestStore testStore(final JsonNode node, final String path) {
    object(node, path);
    only(node, path, "secret");
    final String secret = secret(node, path, "secret", true);
    if (secret.getBytes(StandardCharsets.UTF_8).length < 16) {
      throw new AppsConfigException(path + ".secret", "must have at least 16 bytes");
    }
    return new StoreSettings.TestStore(secret);
  }

  private WebhookSettings webhooks(final JsonNode node, final String path) {
    object(node, path);
    only(node, path, "url", "secrets");
    final String url = text(node, path, "url", true);
    final URI uri;
    try {
      uri = new URI(url);
    } catch (final URISyntaxException e) {
      throw new AppsConfigException(path + ".url", "is not a URL", e);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new AppsConfigException(path + ".url", "must be an http or https URL");
    }
    final JsonNode secrets = node.get("secrets");
    if (secrets == null || !secrets.isArray() || secrets.isEmpty()) {
      throw new AppsConfigException(path + ".secrets", "must list at least one secret");
    }
    final List<String> values = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      final String at = path + ".secrets[" + i + "]";
      if (!secrets.get(i).isTextual()) {
        throw new AppsConfigException(at, "must be text");
      }
      final String value = resolve(secrets.get(i).asText(), at);
      if (value.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
        throw new AppsConfigException(at, "must have at least " + MIN_SECRET_BYTES + " bytes");
      }
      values.add(value);
    }
    return new WebhookSettings(uri, values);
  }

  private InitialCatalog catalog(final JsonNode node, final String path) {
    object(node, path);
    only(node, path, "products", "items");
    final List<InitialCatalog.Product> products = new ArrayList<>();
    final JsonNode productNodes = node.get("products");
    final Set<String> productIds = new HashSet<>();
    if (productNodes != null) {
      array(productNodes, path + ".products");
      for (int i = 0; i < productNodes.size(); i++) {
        final InitialCatalog.Product product = product(productNodes.get(i), path + ".products[" + i + "]");
        if (!productIds.add(product.productId())) {
          throw new AppsConfigException(path + ".products[" + i + "].productId", "duplicate " + product.productId());
        }
        products.add(product);
      }
    }
    final List<InitialCatalog.Item> items = new ArrayList<>();
    final JsonNode itemNodes = node.get("items");
    final Set<String> itemIds = new HashSet<>();
    if (itemNodes != null) {
      array(itemNodes, path + ".items");
      for (int i = 0; i < itemNodes.size(); i++) {
        final String at = path + ".items[" + i + "]";
        final JsonNode item = itemNodes.get(i);
        object(item, at);
        only(item, at, "itemId", "consumable", "stackable", "onConsume", "displayName");
        final String itemId = catalogId(item, at, "itemId");
        if (!itemIds.add(itemId)) {
          throw new AppsConfigException(at + ".itemId", "duplicate " + itemId);
        }
        items.add(new InitialCatalog.Item(itemId, bool(item, at, "consumable", null), bool(item, at, "stackable", true),
            item.has("onConsume") ? grants(item.get("onConsume"), at + ".onConsume", true) : emptyGrants(),
            text(item, at, "displayName", false)));
      }
    }
    return new InitialCatalog(products, items);
  }

  private InitialCatalog.Product product(final JsonNode node, final String path) {
    object(node, path);
    only(node, path, "productId", "productType", "storeProductIds", "grants", "autoConsume", "displayName");
    final String productId = catalogId(node, path, "productId");
    final String type = text(node, path, "productType", true);
    final ProductType productType;
    try {
      productType = ProductType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new AppsConfigException(path + ".productType",
          "must be CONSUMABLE, NON_CONSUMABLE or SUBSCRIPTION, was " + type, e);
    }
    final Map<String, String> storeIds = new LinkedHashMap<>();
    final JsonNode stores = node.get("storeProductIds");
    if (stores != null) {
      object(stores, path + ".storeProductIds");
      for (final Iterator<Map.Entry<String, JsonNode>> it = stores.fields(); it.hasNext(); ) {
        final Map.Entry<String, JsonNode> entry = it.next();
        final String at = path + ".storeProductIds." + entry.getKey();
        if (!STORE_NAMES.contains(entry.getKey())) {
          throw new AppsConfigException(at, "unknown store; use google_play, apple_app_store, cafe_bazaar or test");
        }
        if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()
            || entry.getValue().asText().length() > 200) {
          throw new AppsConfigException(at, "must be the store's product id (1 to 200 characters)");
        }
        storeIds.put(entry.getKey(), entry.getValue().asText());
      }
    }
    final JsonNode grants = node.get("grants");
    if (grants == null) {
      throw new AppsConfigException(path + ".grants", "is required");
    }
    return new InitialCatalog.Product(productId, productType, storeIds, grants(grants, path + ".grants", false),
        bool(node, path, "autoConsume", false), text(node, path, "displayName", false));
  }

  private InitialCatalog.Grants grants(final JsonNode node, final String path, final boolean mayBeEmpty) {
    object(node, path);
    only(node, path, "currencies", "items");
    final Map<String, Long> currencies = amounts(node.get("currencies"), path + ".currencies");
    final Map<String, Long> items = amounts(node.get("items"), path + ".items");
    if (!mayBeEmpty && currencies.isEmpty() && items.isEmpty()) {
      throw new AppsConfigException(path, "must give at least one currency amount or item");
    }
    return new InitialCatalog.Grants(currencies, items);
  }

  private static Map<String, Long> amounts(final JsonNode node, final String path) {
    final Map<String, Long> amounts = new LinkedHashMap<>();
    if (node == null) {
      return amounts;
    }
    object(node, path);
    for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> entry = it.next();
      final String at = path + "." + entry.getKey();
      if (!CATALOG_ID.matcher(entry.getKey()).matches()) {
        throw new AppsConfigException(at, "is not an id (1 to 64 of letters, digits, '.', '_', ':', '-')");
      }
      if (!entry.getValue().canConvertToExactIntegral() || entry.getValue().asLong() <= 0) {
        throw new AppsConfigException(at, "must be a positive whole number");
      }
      amounts.put(entry.getKey(), entry.getValue().asLong());
    }
    return amounts;
  }

  private static InitialCatalog.Grants emptyGrants() {
    return new InitialCatalog.Grants(Map.of(), Map.of());
  }

  private static String catalogId(final JsonNode node, final String path, final String field) {
    final String id = text(node, path, field, true);
    if (!CATALOG_ID.matcher(id).matches()) {
      throw new AppsConfigException(path + "." + field, "is not an id (1 to 64 of letters, digits, '.', '_', ':', '-')");
    }
    return id;
  }

  private byte[] secretBytes(final JsonNode node, final String path, final String field) {
    final String value = secret(node, path, field, true);
    final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new AppsConfigException(path + "." + field, "must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    return bytes;
  }

  /** A secret: inline, or {@code env:NAME} read from the environment. */
  private String secret(final JsonNode node, final String path, final String field, final boolean required) {
    final String value = text(node, path, field, required);
    return value == null ? null : resolve(value, path + "." + field);
  }

  private String resolve(final String value, final String path) {
    if (!value.startsWith(ENV_PREFIX)) {
      return value;
    }
    final String name = value.substring(ENV_PREFIX.length());
    final String fromEnv = env.apply(name);
    if (fromEnv == null || fromEnv.isEmpty()) {
      throw new AppsConfigException(path, "environment variable " + name + " is not set");
    }
    return fromEnv;
  }

  private static String text(final JsonNode node, final String path, final String field, final boolean required) {
    final JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new AppsConfigException(path + "." + field, "is required");
      }
      return null;
    }
    if (!value.isTextual() && !value.isNumber() || value.asText().isBlank()) {
      throw new AppsConfigException(path + "." + field, "must be non-empty text");
    }
    return value.asText();
  }

  private static boolean bool(final JsonNode node, final String path, final String field, final Boolean fallback) {
    final JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw new AppsConfigException(path + "." + field, "is required (true or false)");
      }
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new AppsConfigException(path + "." + field, "must be true or false");
    }
    return value.booleanValue();
  }

  private static void object(final JsonNode node, final String path) {
    if (node == null || !node.isObject()) {
      throw new AppsConfigException(path, "must be a map");
    }
  }

  private static void array(final JsonNode node, final String path) {
    if (!node.isArray()) {
      throw new AppsConfigException(path, "must be a list");
    }
  }

  private static void only(final JsonNode node, final String path, final String... allowed) {
    final Set<String> names = Set.of(allowed);
    for (final Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      final String name = it.next();
      if (!names.contains(name)) {
        throw new AppsConfigException(path.isEmpty() ? name : path + "." + name,
            "unknown key; expected one of " + String.join(", ", allowed));
      }
    }
  }
}

package dev.coffer.apps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Every text setting of the apps file: plain, or checked as its annotation says ({@link Secret},
 * {@link RsaPublicKey}). What is wrong is added to the load's {@link Problems} with the setting's
 * path and binding goes on, so that one load reports every bad setting.
 */
final class SettingText extends StdScalarDeserializer<String> implements ContextualDeserializer {
  private static final long serialVersionUID = 1L;
  private static final String ENV_PREFIX = "env:";
  private final transient Secret secret;
  private final transient RsaPublicKey rsa;

  SettingText() {
    this(null, null);
  }

  private SettingText(final Secret secret, final RsaPublicKey rsa) {
    super(String.class);
    this.secret = secret;
    this.rsa = rsa;
  }

  @Override
  public JsonDeserializer<?> createContextual(final DeserializationContext ctxt, final BeanProperty property) {
    if (property == null) {
      return this;
    }
    final Secret s = property.getAnnotation(Secret.class);
    final RsaPublicKey r = property.getAnnotation(RsaPublicKey.class);
    return s == null && r == null ? this : new SettingText(s, r);
  }

  @Override
  public String deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException {
    final String text = StringDeserializer.instance.deserialize(p, ctxt);
    if (text == null || secret == null && rsa == null) {
      return text;
    }
    final Problems problems = AppsReader.problems(ctxt);
    final String path = Problems.path(p.getParsingContext());
    if (secret != null) {
      return secret(text, path, problems, AppsReader.env(ctxt));
    }
    rsaPublicKey(text, path, problems);
    return text;
  }

  private String secret(final String text, final String path, final Problems problems,
                        final UnaryOperator<String> env) {
    String value = text;
    if (text.startsWith(ENV_PREFIX)) {
      final String name = text.substring(ENV_PREFIX.length());
      value = env.apply(name);
      if (value == null || value.isEmpty()) {
        problems.add(path, "environment variable " + name + " is not set");
        return text;
      }
    }
    if (value.getBytes(StandardCharsets.UTF_8).length < secret.minBytes()) {
      problems.add(path, "must have at least " + secret.minBytes() + " bytes");
    }
    return value;
  }

  private static void rsaPublicKey(final String base64, final String path, final Problems problems) {
    final byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
    } catch (final IllegalArgumentException e) {
      problems.add(path, "is not base64");
      return;
    }
    try {
      final RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      if (key.getModulus().bitLength() < 1024) {
        problems.add(path, "is a " + key.getModulus().bitLength() + "-bit RSA key; store keys have at least 1024 bits");
      }
    } catch (final InvalidKeySpecException | ClassCastException e) {
      problems.add(path, "is not a base64 X.509 RSA public key");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA key factory", e);
    }
  }
}

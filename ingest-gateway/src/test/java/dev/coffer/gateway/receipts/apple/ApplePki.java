package dev.coffer.gateway.receipts.apple;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

/**
 * A public face of the receipts tests' {@link TestPki} for tests in other packages (the gateway's
 * integration tests): an Apple-shaped chain made in the test, and JWS signed by it.
 */
public final class ApplePki {
  private final TestPki pki;

  private ApplePki(final TestPki pki) {
    this.pki = pki;
  }

  /** A fresh chain with Apple's certificate extensions. */
  public static ApplePki create() {
    return new ApplePki(TestPki.create());
  }

  /** DER of the root, to trust. */
  public byte[] rootDer() {
    return pki.rootDer();
  }

  /** An ES256 JWS of {@code payload}, signed by the leaf, with the chain in {@code x5c}. */
  public String sign(final Map<String, Object> payload) {
    return pki.sign(payload);
  }

  /** A JWS that carries this chain but is signed by another key: a forgery. */
  public String forge(final Map<String, Object> payload) {
    try {
      return pki.sign(payload, TestPki.ecKey().getPrivate(), List.of(pki.leaf, pki.intermediate, pki.root));
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.coffer.gateway.receipts.apple;

import com.apple.itunes.storekit.model.Environment;
import dev.coffer.schemas.ledger.StoreEnvironment;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * One app's settings for App Store (StoreKit 2) signed data.
 *
 * @param bundleId         the app's bundle id, e.g. {@code com.example.game}
 * @param appAppleId       the app's Apple id (App Store Connect); required in production, where notifications are
 *                         checked against it
 * @param environment      which environment's signed data to accept; the other is refused
 * @param trustedRootsDer  DER bytes of the root certificates to trust, normally Apple Root CA - G3 from
 *                         apple.com/certificateauthority; the root inside a JWS header is never trusted by itself
 */
public record AppleSettings(String bundleId, Long appAppleId, StoreEnvironment environment,
                            List<byte[]> trustedRootsDer) {

  /** Validates every field; each root must parse as an X.509 certificate. */
  public AppleSettings {
    if (bundleId == null || bundleId.isBlank()) {
      throw new IllegalArgumentException("bundleId is required");
    }
    if (environment == null) {
      throw new IllegalArgumentException("environment is required for bundle " + bundleId);
    }
    if (environment == StoreEnvironment.PRODUCTION && appAppleId == null) {
      throw new IllegalArgumentException("appAppleId is required in production for bundle " + bundleId);
    }
    if (trustedRootsDer == null || trustedRootsDer.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted root certificate is required for bundle "
          + bundleId);
    }
    trustedRootsDer = trustedRootsDer.stream().map(byte[]::clone).toList();
    final CertificateFactory factory = x509Factory();
    for (int i = 0; i < trustedRootsDer.size(); i++) {
      try {
        factory.generateCertificate(new ByteArrayInputStream(trustedRootsDer.get(i)));
      } catch (final CertificateException e) {
        throw new IllegalArgumentException("trusted root " + i + " of bundle " + bundleId
            + " is not a DER X.509 certificate", e);
      }
    }
  }

  /** @return Apple's library's name for {@link #environment()} */
  Environment appleEnvironment() {
    return switch (environment) {
      case SANDBOX -> Environment.SANDBOX;
      case PRODUCTION -> Environment.PRODUCTION;
    };
  }

  private static CertificateFactory x509Factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (final CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }
}

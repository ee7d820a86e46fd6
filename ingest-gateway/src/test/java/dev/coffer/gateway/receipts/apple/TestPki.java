package dev.coffer.gateway.receipts.apple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * An Apple-shaped PKI made in the test: EC P-256 root, intermediate (with Apple's WWDR extension) and leaf (with
 * Apple's receipt-signer extension), and ES256 JWS signed by the leaf with {@code x5c: [leaf, intermediate, root]}.
 */
final class TestPki {

  static final String INTERMEDIATE_OID = "1.2.840.113635.100.6.2.1";
  static final String LEAF_OID = "1.2.840.113635.100.6.11.1";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(
      X9ObjectIdentifiers.ecdsa_with_SHA256);
  private static final AtomicLong SERIALS = new AtomicLong(1);

  final KeyPair leafKey;
  final X509Certificate root;
  final X509Certificate intermediate;
  final X509Certificate leaf;

  private TestPki(final KeyPair leafKey, final X509Certificate root, final X509Certificate intermediate,
                  final X509Certificate leaf) {
    this.leafKey = leafKey;
    this.root = root;
    this.intermediate = intermediate;
    this.leaf = leaf;
  }

  /** @return a chain with Apple's extensions, valid from a day ago for a year */
  static TestPki create() {
    return create(true);
  }

  /** @param appleLeafExtension whether the leaf carries Apple's receipt-signer extension */
  static TestPki create(final boolean appleLeafExtension) {
    try {
      final KeyPair rootKey = ecKey();
      final KeyPair intermediateKey = ecKey();
      final KeyPair leafKey = ecKey();
      final X509Certificate root = certificate("Test Root", rootKey.getPublic(), "Test Root",
          rootKey.getPrivate(), true, null);
      final X509Certificate intermediate = certificate("Test Intermediate", intermediateKey.getPublic(),
          "Test Root", rootKey.getPrivate(), true, INTERMEDIATE_OID);
      final X509Certificate leaf = certificate("Test Leaf", leafKey.getPublic(), "Test Intermediate",
          intermediateKey.getPrivate(), false, appleLeafExtension ? LEAF_OID : null);
      return new TestPki(leafKey, root, intermediate, leaf);
    } catch (final GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not build the test PKI", e);
    }
  }

  /** @return DER of the root, for {@link AppleSettings#trustedRootsDer()} */
  byte[] rootDer() {
    return der(root);
  }

  /** @return an ES256 JWS of {@code payload} signed by the leaf */
  String sign(final Map<String, Object> payload) {
    return sign(payload, leafKey.getPrivate(), List.of(leaf, intermediate, root));
  }

  /** @return a JWS with this chain in its header but signed by {@code signer} */
  String sign(final Map<String, Object> payload, final PrivateKey signer, final List<X509Certificate> chain) {
    final List<String> x5c = new ArrayList<>();
    for (final X509Certificate certificate : chain) {
      x5c.add(Base64.getEncoder().encodeToString(der(certificate)));
    }
    final Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("x5c", x5c);
    final String signingInput = BASE64URL.encodeToString(json(header)) + "." + BASE64URL.encodeToString(json(payload));
    try {
      // JWS wants the 64-byte R||S form, not DER.
      final Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(signer);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("could not sign a test JWS", e);
    }
  }

  static KeyPair ecKey() throws GeneralSecurityException {
    final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static byte[] json(final Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("could not write test JSON", e);
    }
  }

  private static X509Certificate certificate(final String subject, final PublicKey subjectKey, final String issuer,
                                             final PrivateKey issuerKey, final boolean ca, final String appleOid)
      throws GeneralSecurityException, IOException {
    final Instant now = Instant.now();
    final V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.getAndIncrement())));
    generator.setSignature(ECDSA_SHA256);
    generator.setIssuer(new X500Name("CN=" + issuer));
    generator.setSubject(new X500Name("CN=" + subject));
    generator.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
    generator.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(365)))));
    generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
    final ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    if (appleOid != null) {
      // Apple's marker extensions are non-critical with a NULL value.
      extensions.addExtension(new ASN1ObjectIdentifier(appleOid), false, DERNull.INSTANCE);
    }
    generator.setExtensions(extensions.generate());
    final TBSCertificate tbs = generator.generateTBSCertificate();

    final Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(issuerKey);
    signature.update(tbs.getEncoded(ASN1Encoding.DER));
    final ASN1EncodableVector certificate = new ASN1EncodableVector();
    certificate.add(tbs);
    certificate.add(ECDSA_SHA256);
    certificate.add(new DERBitString(signature.sign()));
    final byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
  }

  private static byte[] der(final X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (final CertificateEncodingException e) {
      throw new IllegalStateException("could not encode a test certificate", e);
    }
  }
}

package dev.coffer.registry;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate Coffer's generated classes. Avro 1.12 refuses to create classes it has not
 * been told to trust, to stop <em>data</em> from naming arbitrary classes; Coffer's readers are chosen
 * by code and live in its own generated packages, so trusting exactly {@code dev.coffer.} is what the
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.coffer} flag would do, without every launcher,
 * test runner and shaded jar having to remember it. Whatever else the JVM trusts stays trusted.
 *
 * <p>The serializer and deserializer install it when they load. Code that builds generated records
 * before any serde exists (a builder filling an enum default also asks Avro for the class) calls
 * {@link #install()} itself.
 */
public final class AvroClassTrust {
  private static final String TRUSTED_PREFIX = "dev.coffer.";
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private AvroClassTrust() {
  }

  /** Adds Coffer's packages to Avro's global trust, once per JVM. */
  public static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
          type -> type.getName().startsWith(TRUSTED_PREFIX)));
    }
  }
}

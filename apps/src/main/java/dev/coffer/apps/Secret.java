package dev.coffer.apps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text setting of the apps file (or a list of them) as a secret: written inline or as
 * {@code env:NAME}, read from the environment at load, and at least {@link #minBytes()} bytes once
 * read. A problem is reported with the setting's path; the value never appears in a message.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@interface Secret {
  /** The fewest UTF-8 bytes the secret may have. */
  int minBytes();
}

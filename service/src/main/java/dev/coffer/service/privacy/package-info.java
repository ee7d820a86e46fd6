/**
 * Personal data inside Coffer's records: {@link dev.coffer.service.privacy.DetailsCipher} seals an event's
 * {@code EventDetails} under the player's data key and opens it again (the gateway writes, projections
 * read for the export).
 */
package dev.coffer.service.privacy;

package dev.coffer.service.privacy;

import dev.coffer.apps.Aead;
import dev.coffer.registry.AvroClassTrust;
import dev.coffer.schemas.privacy.EventDetails;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * {@code encryptedDetails}: an Avro {@link EventDetails} (binary, this release's schema) sealed with
 * AES-256-GCM under the player's data key ({@link Aead}), bound to the event
 * ({@code appId|playerRef|eventId} as associated data), so details copied onto another event, player or
 * app do not open.
 */
public final class DetailsCipher {
  static {
    // No serde may have loaded yet: the reader instantiates a generated class.
    AvroClassTrust.install();
  }

  private static final SpecificDatumWriter<EventDetails> WRITER = new SpecificDatumWriter<>(EventDetails.class);
  private static final SpecificDatumReader<EventDetails> READER = new SpecificDatumReader<>(EventDetails.class);

  private DetailsCipher() {
  }

  /**
   * Seals an event's details.
   *
   * @param dataKey the player's data key (32 bytes)
   * @param appId the app
   * @param playerRef the player
   * @param eventId the event the details belong to
   * @param details what to seal
   * @return the bytes of {@code encryptedDetails}
   */
  public static byte[] seal(final byte[] dataKey, final String appId, final String playerRef, final String eventId,
                            final EventDetails details) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      WRITER.write(details, encoder);
      encoder.flush();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot encode event details", e);
    }
    return Aead.seal(dataKey, associated(appId, playerRef, eventId), out.toByteArray());
  }

  /**
   * Opens {@code encryptedDetails}.
   *
   * @param dataKey the player's data key
   * @param appId the app
   * @param playerRef the player
   * @param eventId the event they were sealed for
   * @param sealed the bytes
   * @return the details
   * @throws Aead.UnreadableException if they were sealed under another key or for another event
   */
  public static EventDetails open(final byte[] dataKey, final String appId, final String playerRef,
                                  final String eventId, final ByteBuffer sealed) {
    final ByteBuffer copy = sealed.duplicate();
    final byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    final byte[] plain = Aead.open(dataKey, associated(appId, playerRef, eventId), bytes);
    final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(plain, null);
    try {
      return READER.read(null, decoder);
    } catch (final IOException | RuntimeException e) {
      throw new IllegalStateException("event details of " + eventId + " opened but do not decode", e);
    }
  }

  private static String associated(final String appId, final String playerRef, final String eventId) {
    return appId + "|" + playerRef + "|" + eventId;
  }
}

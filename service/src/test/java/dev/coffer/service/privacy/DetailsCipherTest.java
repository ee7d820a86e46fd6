package dev.coffer.service.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.apps.Aead;
import dev.coffer.schemas.privacy.EventDetails;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetailsCipherTest {
  private final byte[] key = Aead.newKey();
  private final EventDetails details = EventDetails.newBuilder().setIdempotencyKey("grant-7").setRequestId("req-1")
      .setReason("ticket 4711 for Alice Example").setSourceRefId("quest-9")
      .setStoreIds(Map.of("transactionId", "GPA.1234-5678")).build();

  @Test
  void detailsOpenOnlyForTheirEventUnderTheirKey() {
    final byte[] sealed = DetailsCipher.seal(key, "demo", "ref-1", "event-1", details);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Alice", "GPA.1234", "grant-7");
    assertThat(DetailsCipher.open(key, "demo", "ref-1", "event-1", ByteBuffer.wrap(sealed))).isEqualTo(details);
    assertThatThrownBy(() -> DetailsCipher.open(key, "demo", "ref-1", "event-2", ByteBuffer.wrap(sealed)))
        .isInstanceOf(Aead.UnreadableException.class);
    assertThatThrownBy(() -> DetailsCipher.open(key, "demo", "ref-2", "event-1", ByteBuffer.wrap(sealed)))
        .isInstanceOf(Aead.UnreadableException.class);
    assertThatThrownBy(() -> DetailsCipher.open(Aead.newKey(), "demo", "ref-1", "event-1", ByteBuffer.wrap(sealed)))
        .as("a destroyed key cannot be replaced by another").isInstanceOf(Aead.UnreadableException.class);
  }

  @Test
  void theExternalIdOpensOnlyForItsPlayer() {
    final byte[] sealed = ExternalIds.seal(key, "demo", "ref-1", "alice@example.com");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("alice");
    assertThat(ExternalIds.open(key, "demo", "ref-1", sealed)).isEqualTo("alice@example.com");
    assertThatThrownBy(() -> ExternalIds.open(key, "demo", "ref-2", sealed))
        .isInstanceOf(Aead.UnreadableException.class);
  }
}

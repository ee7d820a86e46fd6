package dev.coffer.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.schemas.ledger.Store;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PseudonymsTest {
  private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_KEY = "o".repeat(32).getBytes(StandardCharsets.UTF_8);
  private final Pseudonyms pseudonyms = new Pseudonyms(KEY);

  @Test
  void eachUseHasItsOwnKeySoNoPseudonymStandsForAnother() {
    final String lookup = pseudonyms.lookup("p");
    assertThat(lookup).hasSize(43)
        .as("not the release-1 player ref HMAC(pseudonymKey, playerId), which anyone with the apps file recomputes")
        .isNotEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(Hmac.sha256(KEY,
            "p".getBytes(StandardCharsets.UTF_8))));
    assertThat(pseudonyms.keyRef("p")).startsWith("kref.").doesNotContain(lookup);
    assertThat(pseudonyms.storeRef(Store.TEST, "p")).startsWith("sref.").doesNotContain(lookup);
    assertThat(new Pseudonyms(OTHER_KEY).lookup("p")).as("another app").isNotEqualTo(lookup);
  }

  @Test
  void pseudonymsAreTheHmacOfTheirDerivedKeyFromAnyNumberOfThreads() throws Exception {
    final byte[] lookupKey = Pseudonyms.derive(KEY, "lookup");
    final byte[] idempotencyKey = Pseudonyms.derive(KEY, "idempotency-key");
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      final List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int thread = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            final String value = "player-" + thread + "-" + i;
            assertThat(pseudonyms.lookup(value)).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Hmac.sha256(lookupKey, value.getBytes(StandardCharsets.UTF_8))));
            assertThat(pseudonyms.keyRef(value)).isEqualTo(Pseudonyms.KEY_REF + Base64.getUrlEncoder()
                .withoutPadding().encodeToString(Hmac.sha256(idempotencyKey, value.getBytes(StandardCharsets.UTF_8))));
          }
        }));
      }
      for (final Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storeRefsAreStablePerStoreAndPassRefsThrough() {
    final String ref = pseudonyms.storeRef(Store.GOOGLE_PLAY, "GPA.1234-5678");
    assertThat(pseudonyms.storeRef(Store.GOOGLE_PLAY, "GPA.1234-5678")).isEqualTo(ref);
    assertThat(pseudonyms.storeRef(Store.CAFE_BAZAAR, "GPA.1234-5678")).isNotEqualTo(ref);
    assertThat(pseudonyms.storeRef(Store.GOOGLE_PLAY, ref)).as("a ref given where an id is expected").isEqualTo(ref);
    assertThat(pseudonyms.storeRef(Store.GOOGLE_PLAY, null)).isNull();
    assertThat(Pseudonyms.isStoreRef(ref)).isTrue();
    assertThat(Pseudonyms.isStoreRef("GPA.1234-5678")).isFalse();
  }

  @Test
  void systemNamesKeepTheirKindAndHideTheRest() {
    assertThat(pseudonyms.systemName("erasure")).isEqualTo("erasure");
    final String revoked = pseudonyms.systemName("apple:revoked:2000000123:1700000000000");
    assertThat(revoked).startsWith("apple:kref.").doesNotContain("2000000123");
    assertThat(pseudonyms.systemName("apple:revoked:2000000123:1700000000000")).isEqualTo(revoked);
    assertThat(pseudonyms.systemName("google:revoked:2000000123:1700000000000")).doesNotEndWith(
        revoked.substring("apple:".length()));
    assertThat(pseudonyms.keyRef("apple:revoked:2000000123:1700000000000"))
        .as("a caller's key never equals a system name").isNotEqualTo(revoked);
  }

  @Test
  void aWrappedDataKeyOpensOnlyForItsPlayerAndApp() {
    final DataKeys keys = new DataKeys("demo", KEY);
    final byte[] dataKey = Aead.newKey();
    final byte[] wrapped = keys.wrap("ref-1", dataKey);

    assertThat(keys.unwrap("ref-1", wrapped)).isEqualTo(dataKey);
    assertThat(keys.wrap("ref-1", dataKey)).as("a fresh IV each time").isNotEqualTo(wrapped);
    assertThatThrownBy(() -> keys.unwrap("ref-2", wrapped)).isInstanceOf(Aead.UnreadableException.class);
    assertThatThrownBy(() -> new DataKeys("other", KEY).unwrap("ref-1", wrapped))
        .isInstanceOf(Aead.UnreadableException.class);
    assertThatThrownBy(() -> new DataKeys("demo", OTHER_KEY).unwrap("ref-1", wrapped))
        .isInstanceOf(Aead.UnreadableException.class);
  }

  @Test
  void sealedBytesDetectTamperingAndUnknownFormats() {
    final byte[] key = Aead.newKey();
    final byte[] sealed = Aead.seal(key, "a", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(Aead.open(key, "a", sealed), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hello");

    final byte[] flipped = sealed.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThatThrownBy(() -> Aead.open(key, "a", flipped)).isInstanceOf(Aead.UnreadableException.class);
    assertThatThrownBy(() -> Aead.open(key, "b", sealed)).isInstanceOf(Aead.UnreadableException.class);
    final byte[] otherFormat = sealed.clone();
    otherFormat[0] = 2;
    assertThatThrownBy(() -> Aead.open(key, "a", otherFormat)).isInstanceOf(Aead.UnreadableException.class);
    assertThatThrownBy(() -> Aead.open(Aead.newKey(), "a", sealed)).isInstanceOf(Aead.UnreadableException.class);
  }
}

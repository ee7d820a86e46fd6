package dev.coffer.gateway.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class BuyerIdsTest {

  // Computed independently (Python's hashlib.sha256 and uuid.uuid5): what a game's own code must produce.
  @Test
  void computesThePublishedValues() {
    assertThat(BuyerIds.obfuscatedAccountId("demo", "alice"))
        .isEqualTo("ac30cd4eab324b5c5f3e9e4ffdaea4c7859d2f544ac43b58df256b917213054d")
        .hasSize(64);
    assertThat(BuyerIds.appAccountToken("demo", "alice"))
        .isEqualTo(UUID.fromString("0a8031ea-89a6-50b2-8f24-eaaa6d86df5d"));
    assertThat(BuyerIds.appAccountToken("demo", "alice").version()).isEqualTo(5);
    assertThat(BuyerIds.appAccountToken("demo", "bob"))
        .isEqualTo(UUID.fromString("032f1d74-78b0-5c01-9c07-633899073b8c"));
    assertThat(BuyerIds.obfuscatedAccountId("app-1", "joueur-é"))
        .isEqualTo("e557030a5683953a72c92b60e6fa41c4e5d4a2ce15d294b561da46d4d737d356");
    assertThat(BuyerIds.appAccountToken("app-1", "joueur-é"))
        .isEqualTo(UUID.fromString("e1c0d82d-de34-539c-b233-d66e0f069c48"));
  }

  @Test
  void checksABindingAsTheAppAsks() throws ReceiptRejectedException {
    final String alice = BuyerIds.obfuscatedAccountId("demo", "alice");
    final String bob = BuyerIds.obfuscatedAccountId("demo", "bob");

    BuyerBinding.OFF.check(bob, alice, "obfuscatedAccountId");
    BuyerBinding.OFF.check(null, alice, "obfuscatedAccountId");
    BuyerBinding.CHECK.check(alice, alice, "obfuscatedAccountId");
    BuyerBinding.CHECK.check(null, alice, "obfuscatedAccountId");
    BuyerBinding.REQUIRE.check(alice.toUpperCase(java.util.Locale.ROOT), alice, "obfuscatedAccountId");
    assertThatThrownBy(() -> BuyerBinding.CHECK.check(bob, alice, "obfuscatedAccountId"))
        .isInstanceOfSatisfying(ReceiptRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCode.RECEIPT_NOT_FOR_PLAYER));
    assertThatThrownBy(() -> BuyerBinding.REQUIRE.check(null, alice, "appAccountToken"))
        .isInstanceOfSatisfying(ReceiptRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCode.RECEIPT_NOT_BOUND));
    assertThat(BuyerBinding.parse("Require")).isEqualTo(BuyerBinding.REQUIRE);
    assertThatThrownBy(() -> BuyerBinding.parse("sometimes")).hasMessageContaining("off, check or require");
  }
}

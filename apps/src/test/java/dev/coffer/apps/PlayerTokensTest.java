package dev.coffer.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlayerTokensTest {
  private static final byte[] SECRET = "token-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void verifiesATokenItIssued() throws PlayerTokens.InvalidTokenException {
    final String token = PlayerTokens.issue(SECRET, "demo", "player 1 ü", NOW.plusSeconds(60));

    assertThat(token).startsWith("pt1.").doesNotContain("=", "+", "/");
    assertThat(PlayerTokens.verify(SECRET, "demo", token, NOW)).isEqualTo("player 1 ü");
  }

  @Test
  void refusesForgedExpiredForeignAndMalformedTokens() {
    final String token = PlayerTokens.issue(SECRET, "demo", "p1", NOW.plusSeconds(60));
    final String other = PlayerTokens.issue("another-secret-0123456789abcdef01234".getBytes(StandardCharsets.UTF_8),
        "demo", "p1", NOW.plusSeconds(60));
    final String[] parts = token.split("\\.");
    final String swapped = parts[0] + "." + parts[1] + ".cDI." + parts[3] + "." + parts[4];

    assertFailure(other, "demo", NOW, PlayerTokens.Failure.BAD_SIGNATURE);
    assertFailure(swapped, "demo", NOW, PlayerTokens.Failure.BAD_SIGNATURE);
    assertFailure(token, "demo", NOW.plusSeconds(60), PlayerTokens.Failure.EXPIRED);
    assertFailure(token, "other", NOW, PlayerTokens.Failure.WRONG_APP);
    assertFailure("garbage", "demo", NOW, PlayerTokens.Failure.MALFORMED);
    assertFailure(token + "!", "demo", NOW, PlayerTokens.Failure.MALFORMED);
  }

  private static void assertFailure(final String token, final String app, final Instant now,
                                    final PlayerTokens.Failure failure) {
    assertThatThrownBy(() -> PlayerTokens.verify(SECRET, app, token, now))
        .isInstanceOfSatisfying(PlayerTokens.InvalidTokenException.class,
            e -> assertThat(e.failure()).isEqualTo(failure));
  }

  @Test
  void checksIdentifiers() {
    assertThat(Identifiers.isAppId("demo-1")).isTrue();
    assertThat(Identifiers.isAppId("Demo")).isFalse();
    assertThat(Identifiers.isAppId("a|b")).isFalse();
    assertThat(Identifiers.isPlayerId("player 1")).isTrue();
    assertThat(Identifiers.isPlayerId("p\n1")).isFalse();
    assertThat(Identifiers.isPlayerId(" ")).isFalse();
    assertThat(Identifiers.isPlayerId("x".repeat(129))).isFalse();
  }
}

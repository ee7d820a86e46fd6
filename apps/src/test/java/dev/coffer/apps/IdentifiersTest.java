package dev.coffer.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks answer as the rules' plain statement does, on chosen and on random text. */
class IdentifiersTest {
  private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  /** Characters that sit at the rules' edges: separators, controls, format characters, surrogates. */
  private static final String EDGES = "az09_-|A Z\t\n\u0000\u007f\u0085\u00a0\u200b\u200d\u2028\u3000\ufeffé😀\ud800";

  private static boolean playerIdAsStated(final String text) {
    return text != null && !text.isBlank() && text.length() <= Identifiers.MAX_PLAYER_ID_LENGTH
        && text.codePoints().noneMatch(c -> Character.isISOControl(c)
            || Character.isWhitespace(c) && c != ' ' || Character.getType(c) == Character.FORMAT);
  }

  @Test
  void chosenIds() {
    assertThat(Identifiers.isAppId("demo-1")).isTrue();
    assertThat(Identifiers.isAppId("a".repeat(64))).isTrue();
    assertThat(Identifiers.isAppId("a".repeat(65))).isFalse();
    assertThat(Identifiers.isAppId("-demo")).isFalse();
    assertThat(Identifiers.isAppId("_demo")).isFalse();
    assertThat(Identifiers.isAppId("")).isFalse();
    assertThat(Identifiers.isAppId(null)).isFalse();
    assertThat(Identifiers.isPlayerId("player 1")).isTrue();
    assertThat(Identifiers.isPlayerId("  x  ")).isTrue();
    assertThat(Identifiers.isPlayerId("   ")).isFalse();
    assertThat(Identifiers.isPlayerId("a\u200bb")).isFalse();
    assertThat(Identifiers.isPlayerId("😀".repeat(64))).isTrue();
    assertThat(Identifiers.isPlayerId("😀".repeat(65))).isFalse();
    assertThat(Identifiers.isPlayerId(null)).isFalse();
  }

  @Test
  void randomTextIsJudgedAsTheRulesSay() {
    final Random random = new Random(42);
    for (int n = 0; n < 200_000; n++) {
      // Half the strings from the app ids' own alphabet, so that long valid ones are drawn too.
      final String alphabet = random.nextBoolean() ? EDGES : "az09_-";
      final StringBuilder text = new StringBuilder();
      final int length = random.nextInt(5) == 0 ? 60 + random.nextInt(80) : random.nextInt(6);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      final String s = text.toString();
      assertThat(Identifiers.isAppId(s)).as("app id %s", s).isEqualTo(APP_ID.matcher(s).matches());
      assertThat(Identifiers.isPlayerId(s)).as("player id %s", s).isEqualTo(playerIdAsStated(s));
    }
  }
}

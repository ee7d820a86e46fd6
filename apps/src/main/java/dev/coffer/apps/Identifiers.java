package dev.coffer.apps;

import java.util.regex.Pattern;

/**
 * The shapes of the ids every service checks: app ids (part of every key, so never {@code |}) and
 * the game's player ids.
 */
public final class Identifiers {
  private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  /** The longest player id, in characters. */
  public static final int MAX_PLAYER_ID_LENGTH = 128;

  private Identifiers() {
  }

  /** Whether {@code text} is an app id: 1 to 64 of lowercase letters, digits, {@code _} and {@code -}. */
  public static boolean isAppId(final String text) {
    return text != null && APP_ID.matcher(text).matches();
  }

  /**
   * Whether {@code text} is a player id: 1 to {@value #MAX_PLAYER_ID_LENGTH} characters, none a
   * control character or whitespace other than a space, not blank.
   */
  public static boolean isPlayerId(final String text) {
    if (text == null || text.isBlank() || text.length() > MAX_PLAYER_ID_LENGTH) {
      return false;
    }
    return text.codePoints().noneMatch(c -> Character.isISOControl(c)
        || Character.isWhitespace(c) && c != ' ' || Character.getType(c) == Character.FORMAT);
  }
}

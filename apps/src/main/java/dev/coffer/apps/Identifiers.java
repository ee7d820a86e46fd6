package dev.coffer.apps;

/**
 * The shapes of the ids every service checks: app ids (part of every key, so never {@code |}) and
 * the game's player ids. Both are checked on every request, so they are plain loops over the characters: a
 * regular expression and a code-point stream took 3.5% of a wallet lookup's CPU (JFR, {@code deploy/bench}).
 */
public final class Identifiers {
  /** The longest app id, in characters. */
  public static final int MAX_APP_ID_LENGTH = 64;
  /** The longest player id, in characters. */
  public static final int MAX_PLAYER_ID_LENGTH = 128;

  private Identifiers() {
  }

  /** Whether {@code text} is an app id: 1 to 64 of lowercase letters, digits, {@code _} and {@code -}, not
   * starting with {@code _} or {@code -}. */
  public static boolean isAppId(final String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_APP_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      final boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (!alphanumeric && (i == 0 || c != '_' && c != '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text} is a player id: 1 to {@value #MAX_PLAYER_ID_LENGTH} characters, none a
   * control character, a format character or whitespace other than a space, not blank.
   */
  public static boolean isPlayerId(final String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_PLAYER_ID_LENGTH) {
      return false;
    }
    boolean blank = true;
    for (int i = 0; i < text.length();) {
      final int c = text.codePointAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) && c != ' '
          || Character.getType(c) == Character.FORMAT) {
        return false;
      }
      // Every other whitespace was refused above, so a blank id is one of spaces only.
      blank &= c == ' ';
      i += Character.charCount(c);
    }
    return !blank;
  }
}

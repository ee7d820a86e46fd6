package dev.coffer.client;

/**
 * The server-sent events format (the WHATWG HTML standard's "event stream" interpretation), one line at a
 * time: {@code event:}, {@code data:} (joined with newlines), {@code id:}, {@code retry:}, comments
 * ({@code :...}); an empty line dispatches the event.
 */
final class SseParser {
  /** A dispatched event. */
  record Event(String type, String data, String id) {
  }

  /** What the parser reports. */
  interface Sink {
    void event(Event event);

    void comment(String text);

    void retry(long millis);
  }

  private final Sink sink;
  private String type = "";
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String lastId;

  SseParser(final Sink sink) {
    this.sink = sink;
  }

  /** Feeds one line, without its line terminator. */
  void line(final String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      sink.comment(line.substring(1).strip());
      return;
    }
    final int colon = line.indexOf(':');
    final String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> type = value;
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
          sink.retry(Long.parseLong(value));
        }
      }
      default -> {
        // Unknown fields are ignored, as the standard says.
      }
    }
  }

  /** The last event id seen (sent back as {@code Last-Event-ID} on reconnection). */
  String lastId() {
    return lastId;
  }

  private void dispatch() {
    if (hasData) {
      sink.event(new Event(type.isEmpty() ? "message" : type, data.toString(), lastId));
    }
    type = "";
    data.setLength(0);
    hasData = false;
  }
}

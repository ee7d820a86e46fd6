package dev.coffer.apps;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The problems found while loading one apps file, collected so that all are reported at once. */
final class Problems {
  /** The key of problems of the file as a whole. */
  static final String FILE = "(file)";
  private final List<AppsConfigException.Problem> found = new ArrayList<>();

  void add(final String key, final String message) {
    found.add(new AppsConfigException.Problem(key.isEmpty() ? FILE : key, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws every problem found, if any. */
  void throwIfAny(final Throwable cause) {
    if (!found.isEmpty()) {
      throw toException(cause);
    }
  }

  /** Every problem found (at least one), with {@code cause} (nullable). */
  AppsConfigException toException(final Throwable cause) {
    return new AppsConfigException(found, cause);
  }

  /** The path ({@code apps[0].stores.apple}) of where a parser stands. */
  static String path(final JsonStreamContext at) {
    final Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.addFirst("." + c.getCurrentName());
      }
    }
    return strip(String.join("", parts));
  }

  /** The path of a binding failure. */
  static String path(final JsonMappingException e) {
    final StringBuilder path = new StringBuilder();
    for (final JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return strip(path.toString());
  }

  private static String strip(final String path) {
    return path.startsWith(".") ? path.substring(1) : path;
  }
}

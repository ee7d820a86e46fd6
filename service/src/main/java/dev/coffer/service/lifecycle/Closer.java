package dev.coffer.service.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Closes what a service started, in reverse order of registration, every part even when an earlier
 * one fails: the first failure is thrown once all are closed, later ones attached as suppressed.
 * Closing twice closes nothing more.
 */
public final class Closer implements AutoCloseable {
  private final String what;
  private final List<AutoCloseable> parts = new ArrayList<>();
  private boolean closed;

  /** @param what what is closed, for the failure's message ({@code "the gateway"}) */
  public Closer(final String what) {
    this.what = Objects.requireNonNull(what, "what");
  }

  /**
   * Registers a part to close; parts close in reverse order of registration.
   *
   * @return the part
   */
  public synchronized <T extends AutoCloseable> T register(final T part) {
    if (closed) {
      throw new IllegalStateException(what + " is already closed");
    }
    parts.add(Objects.requireNonNull(part, "part"));
    return part;
  }

  /** Whether {@link #close()} has run. */
  public synchronized boolean closed() {
    return closed;
  }

  /**
   * Closes every part, last registered first.
   *
   * @throws IllegalStateException naming {@code what}, caused by the first failure, with the others
   *     suppressed
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    final IllegalStateException failure = closeAll(what, parts);
    parts.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Closes {@code parts} last first, every one of them.
   *
   * @return the failure to throw ({@code null} if none): the first, with the others suppressed
   */
  public static IllegalStateException closeAll(final String what, final List<? extends AutoCloseable> parts) {
    IllegalStateException failure = null;
    for (final AutoCloseable part : parts.reversed()) {
      try {
        part.close();
      } catch (final Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (failure == null) {
          failure = new IllegalStateException("closing " + what + " failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure;
  }
}

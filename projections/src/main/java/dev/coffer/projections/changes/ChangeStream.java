package dev.coffer.projections.changes;

import dev.coffer.projections.outcomes.EventOutcome;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open stream of a player's changes: a bounded buffer filled by the {@link ChangeFeed} and
 * drained by a writer thread of its own into the {@link Sink}, so a reader that is slow, or never
 * reads, holds only its own thread.
 */
public final class ChangeStream implements AutoCloseable {
  /** The code a stream is dropped with when its buffer is full. */
  public static final String SLOW_CONSUMER = "SLOW_CONSUMER";

  /** Where a stream's changes go (a server-sent events connection). */
  public interface Sink {
    /** Writes one change; may block while the client is slow. */
    void send(EventOutcome change);

    /** Tells the client why the stream ends, then ends it. */
    void fail(String code, String detail);

    /** Sends a comment that keeps the connection open and finds a client that went away. */
    void heartbeat();

    /** Cuts the connection at once (a client that does not read cannot be told). */
    void cut();

    /** Whether the connection is gone. */
    boolean closed();
  }

  private final Duration heartbeat;
  private final String playerKey;
  private final Sink sink;
  private final BlockingQueue<EventOutcome> buffer;
  private final Consumer<ChangeStream> onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile String dropCode;
  private volatile String dropDetail;
  private Thread writer;

  ChangeStream(final String playerKey, final Sink sink, final int capacity, final Duration heartbeat,
               final Consumer<ChangeStream> onEnd) {
    this.heartbeat = heartbeat;
    this.playerKey = playerKey;
    this.sink = sink;
    this.buffer = new ArrayBlockingQueue<>(capacity);
    this.onEnd = onEnd;
  }

  ChangeStream start() {
    writer = Thread.ofVirtual().name("coffer-sse-" + playerKey).start(this::write);
    return this;
  }

  /** The player key. */
  public String playerKey() {
    return playerKey;
  }

  boolean offer(final EventOutcome change) {
    return dropCode == null && buffer.offer(change);
  }

  /** Ends the stream with a reason; the writer says it if the client still reads. */
  void drop(final String code, final String detail) {
    dropDetail = detail;
    dropCode = code;
    end();
    writer.interrupt();
  }

  /** Cuts the connection unless it is already gone. */
  void cut() {
    if (!sink.closed()) {
      sink.cut();
    }
  }

  private void write() {
    try {
      while (!sink.closed()) {
        final EventOutcome change = buffer.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (change == null) {
          // Quiet: a write is the only way to learn that the client went away and free its place.
          sink.heartbeat();
        } else {
          sink.send(change);
        }
      }
    } catch (final InterruptedException e) {
      if (dropCode != null) {
        sink.fail(dropCode, dropDetail);
      }
    } finally {
      end();
    }
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      onEnd.accept(this);
    }
  }

  /** Ends the stream (the client went away, or the feed stops). */
  @Override
  public void close() {
    end();
    if (writer != null) {
      writer.interrupt();
    }
  }
}

package dev.coffer.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/** A started container of {@link ContainerInfrastructure}: stopped gracefully, then removed, by close() or by the JVM's shutdown. */
final class RunningContainer {
  private static final Logger LOG = LoggerFactory.getLogger(RunningContainer.class);
  private static final int STOP_SECONDS = 20;

  private final GenericContainer<?> container;
  private final Thread hook;
  private boolean closed;

  private RunningContainer(final GenericContainer<?> container) {
    this.container = container;
    this.hook = new Thread(this::stop, "coffer-container-stopper");
  }

  static RunningContainer start(final GenericContainer<?> container, final String what) {
    final RunningContainer running = new RunningContainer(container);
    // Before start: a JVM that ends during startup still removes the container.
    Runtime.getRuntime().addShutdownHook(running.hook);
    try {
      container.start();
    } catch (final RuntimeException e) {
      running.close();
      throw new IllegalStateException("the container of " + what + " did not start", e);
    }
    return running;
  }

  /**
   * Pauses every process of the container (the cgroup freezer): it holds its connections and answers
   * nothing. Idempotent, like SIGSTOP.
   */
  synchronized void pause() {
    if (!paused()) {
      container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }
  }

  /** Lets a paused container go on; idempotent, like SIGCONT. */
  synchronized void unpause() {
    if (paused()) {
      container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }
  }

  private boolean paused() {
    return Boolean.TRUE.equals(container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec()
        .getState().getPaused());
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (final IllegalStateException e) {
      // The JVM is shutting down and the hook is stopping the container.
      LOG.debug("JVM shutting down; the shutdown hook stops the container", e);
      return;
    }
    stop();
  }

  private void stop() {
    final String id = container.getContainerId();
    if (id != null && container.isRunning()) {
      try {
        // SIGTERM first: a broker that shuts down cleanly restarts without log recovery.
        container.getDockerClient().stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
      } catch (final RuntimeException e) {
        LOG.warn("Stopping container {} gracefully failed; removing it", id, e);
      }
    }
    container.stop();
  }

  /** Container output appended to a file on the host. */
  static final class LogFile implements Consumer<OutputFrame> {
    private final Path file;

    LogFile(final Path file) {
      this.file = file;
    }

    @Override
    public synchronized void accept(final OutputFrame frame) {
      if (frame.getBytes() == null) {
        return;
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(frame.getBytes());
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot append to " + file, e);
      }
    }
  }
}

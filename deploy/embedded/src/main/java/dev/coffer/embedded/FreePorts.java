package dev.coffer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Free ports on 127.0.0.1 for servers started by tests, the bench and the local stack. A port asked for and
 * closed at once may be handed out again by the next ask: two servers then bind the same port and split its
 * connections (seen in CI: the registry's API and management servers on one port, a 404 for a schema that
 * existed; "port is already allocated" for a compose service). So several ports are asked for together, every
 * probe socket held open until all are chosen.
 */
public final class FreePorts {
  private static final int ATTEMPTS = 20;

  private FreePorts() {
  }

  /** One free port. */
  public static int one() {
    return distinct(1).getFirst();
  }

  /** {@code count} distinct free ports, each free when asked. */
  public static List<Integer> distinct(final int count) {
    final List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot find " + count + " free ports on 127.0.0.1", e);
    } finally {
      closeAll(sockets);
    }
  }

  /** A free port that is none of {@code taken} (ports chosen earlier, whose servers may not be bound yet). */
  public static int otherThan(final Collection<Integer> taken) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      final int candidate = one();
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free port on 127.0.0.1 other than " + taken + " in " + ATTEMPTS
        + " attempts");
  }

  private static void closeAll(final List<ServerSocket> sockets) {
    IOException failure = null;
    for (final ServerSocket socket : sockets) {
      try {
        socket.close();
      } catch (final IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot close a port probe", failure);
    }
  }
}

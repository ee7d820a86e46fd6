package dev.coffer.cli.ledger;

import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.HttpCommand;
import dev.coffer.cli.Printing;
import dev.coffer.cli.UsageException;
import dev.coffer.client.CofferClient;
import dev.coffer.client.EventSubscription;
import dev.coffer.client.ReadOptions;
import dev.coffer.client.StreamListener;
import dev.coffer.client.StreamOptions;
import dev.coffer.client.model.LedgerEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer ledger tail}. */
@Command(name = "tail", description = {"Prints a player's last changes, oldest first: version, time, event type, "
    + "event id, and what moved (balance deltas and new balances, instances).",
    "With --follow, then prints each new change as it is applied (server-sent events, reconnecting and filling "
        + "gaps from the ledger) until interrupted."})
public final class TailCommand extends HttpCommand {
  @Parameters(paramLabel = "PLAYER", description = "The player (the game's own id).")
  String player;

  @Option(names = {"-n", "--lines"}, defaultValue = "20", description = "How many changes to print first "
      + "(0: none; default: ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = {"-f", "--follow"}, description = "Keep printing changes as they happen.")
  boolean follow;

  @Option(names = "--min-version", defaultValue = "0",
      description = "Wait until the player's view has reached this version (read your write).")
  long minVersion;

  @Option(names = "--json", description = "One JSON object per change instead of text.")
  boolean json;

  @Option(names = "--max-changes", paramLabel = "N", description = "With --follow: stop after N live changes.")
  Long maxChanges;

  @Option(names = "--max-time", paramLabel = "DURATION", converter = dev.coffer.cli.Durations.class,
      description = "With --follow: stop after this long (e.g. 10m).")
  Duration maxTime;

  @Override
  public Integer call() throws InterruptedException {
    if (lines < 0 || lines > 10_000) {
      throw new UsageException("--lines must be 0 to 10000");
    }
    final CofferClient coffer = client();
    long last = -1;
    if (lines > 0) {
      final List<LedgerEntry> tail = coffer.reads().ledgerTail(player, lines, ReadOptions.atLeast(minVersion));
      tail.forEach(this::print);
      last = tail.isEmpty() ? -1 : tail.get(tail.size() - 1).version();
      if (tail.isEmpty() && !follow) {
        err().println("no changes for player " + player + " in app " + app());
      }
    }
    if (!follow) {
      return ExitCodes.OK;
    }
    return follow(coffer, last);
  }

  private int follow(final CofferClient coffer, final long after) throws InterruptedException {
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    final AtomicLong live = new AtomicLong();
    final StreamOptions options = after >= 0 ? StreamOptions.after(after) : StreamOptions.fromNow();
    try (EventSubscription subscription = coffer.reads().subscribe(player, options, new StreamListener() {
      @Override
      public void onChange(final LedgerEntry change) {
        print(change);
        if (maxChanges != null && live.incrementAndGet() >= maxChanges) {
          closed.complete(null);
        }
      }

      @Override
      public void onPlayerDeleted(final LedgerEntry erasure) {
        onChange(erasure);
      }

      @Override
      public void onSubscribed() {
        err().println("following " + player + " (Ctrl-C to stop)");
        err().flush();
      }

      @Override
      public void onDisconnected(final Exception cause, final Duration retryIn) {
        err().println("disconnected (" + cause.getMessage() + "); reconnecting in " + retryIn.toMillis()
            + " ms");
        err().flush();
      }

      @Override
      public void onClosed(final Throwable failure) {
        closed.complete(failure);
      }
    })) {
      final Throwable failure = maxTime == null ? closed.get() : closed.get(maxTime.toMillis(), TimeUnit.MILLISECONDS);
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      return failure == null ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (final TimeoutException e) {
      return ExitCodes.OK;
    } catch (final ExecutionException e) {
      throw new IllegalStateException("the subscription failed", e.getCause());
    }
  }

  private void print(final LedgerEntry entry) {
    out().println(json ? Printing.json(entry) : Printing.line(entry));
    out().flush();
  }
}

package dev.coffer.bench.fault;

import dev.coffer.bench.Flags;
import dev.coffer.embedded.CofferStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long fault run as a command: its own broker and registry, two ledger child JVMs, load, kills and
 * pauses, then the checks of {@link FaultHarness}. Exits 0 if it passed, 1 if not.
 *
 * <pre>
 * java -cp deploy/bench/target/coffer-bench.jar dev.coffer.bench.fault.FaultRun \
 *   --duration 300 --kills 6 --pauses 3 [--pause-seconds 10] [--rate 300] [--players 500] [--seed 11]
 * </pre>
 */
public final class FaultRun {
  private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);

  private FaultRun() {
  }

  /**
   * Runs it.
   *
   * @param args flags, see the class comment
   * @throws IOException if the work folder cannot be made
   * @throws InterruptedException if interrupted
   */
  public static void main(final String[] args) throws IOException, InterruptedException {
    final FaultOptions d = FaultOptions.longRun();
    final Flags flags;
    try {
      flags = new Flags(args, Set.of("duration", "kills", "pauses", "pause-seconds", "rate", "players", "seed",
          "work"));
    } catch (final IllegalArgumentException e) {
      LOG.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    final FaultOptions options = new FaultOptions(flags.seconds("duration", d.duration()),
        flags.integer("kills", d.kills()), flags.integer("pauses", d.pauses()),
        flags.seconds("pause-seconds", d.pauseLength()), flags.integer("rate", d.eventsPerSecond()),
        flags.integer("players", d.players()), Long.parseLong(flags.text("seed", Long.toString(d.seed()))));
    final Path work = Files.createDirectories(Path.of(flags.text("work", "target/fault"))
        .resolve("run-" + System.currentTimeMillis()));
    final FaultResult result;
    try (CofferStack stack = CofferStack.start()) {
      stack.installCofferTopics();
      result = new FaultHarness(stack.bootstrapServers(), stack.registryUrl(), stack.admin(), work.toAbsolutePath())
          .run(options);
    }
    System.out.println(result.summary());
    System.exit(result.passed() ? 0 : 1);
  }
}

package dev.coffer.local;

import dev.coffer.ledger.runtime.LedgerConfig;
import dev.coffer.ledger.runtime.LedgerService;
import java.time.Duration;
import java.util.Map;

/**
 * ledger-streams in the local stack: one {@link LedgerService} on the local broker and registry,
 * single-broker durability, its stores under {@code services/ledger}. Any key can still be
 * overridden with {@code COFFER_LEDGER_*} (e.g. {@code COFFER_LEDGER_HTTP_PORT}).
 */
final class LedgerLocalService implements LocalService {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private LedgerService ledger;

  /** Settings applied on top of the stack's own (still under {@code COFFER_LEDGER_*}), e.g. ports in tests. */
  private final Map<String, String> overrides;

  LedgerLocalService() {
    this(Map.of());
  }

  LedgerLocalService(final Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public String name() {
    return "ledger";
  }

  @Override
  public void start(final LocalContext context) throws InterruptedException {
    final Map<String, String> settings = LedgerConfig.singleBroker(context.bootstrapServers(),
        context.registryUrl(), "coffer-ledger", context.serviceDir(name()).resolve("state"));
    settings.put(LedgerConfig.ROCKSDB_BLOCK_CACHE_BYTES, "64MiB");
    settings.put(LedgerConfig.ROCKSDB_WRITE_BUFFER_BYTES, "16MiB");
    settings.putAll(overrides);
    ledger = LedgerService.create(LedgerConfig.fromMap(settings, System.getenv()));
    ledger.start();
    // Return once it runs, as LocalService asks; a ledger that stops while starting fails at once.
    if (!ledger.awaitRunning(START_TIMEOUT)) {
      throw new IllegalStateException("the ledger did not reach RUNNING within " + START_TIMEOUT.toSeconds()
          + " s (state " + ledger.state() + ")", ledger.failure().orElse(null));
    }
  }

  @Override
  public void close() {
    if (ledger != null) {
      ledger.close();
    }
  }

  @Override
  public String describe() {
    return ledger == null ? name() : name() + " ops http://" + ledger.config().httpHost() + ":" + ledger.opsPort()
        + " (/health, /metrics)";
  }
}

package dev.coffer.service.directory;

import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.registry.SchemaRegistry;
import dev.coffer.topics.TypedTopics;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryOp;
import dev.coffer.schemas.directory.DirectoryRequest;
import dev.coffer.service.follow.TopicFollower;
import dev.coffer.service.metrics.ServiceMetrics;
import dev.coffer.service.privacy.ExternalIds;
import dev.coffer.service.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of the player directory (the ledger's directory stage), used by the gateway (CREATE on
 * every write, ERASE on erasure) and projections (RESOLVE on every read): which random ref and data key
 * an external player id has. The external id never leaves this class: requests name its keyed hash
 * ({@code lookup}).
 *
 * <p>A request is produced to {@code coffer.player-directory-requests} and answered on
 * {@code coffer.player-directory}, which this client follows from its end (every partition, no group),
 * matching answers by the request id in their header. Active entries are kept in a bounded LRU cache;
 * any record of the directory for a cached lookup replaces or evicts it (an erasure evicts it in every
 * instance as soon as that instance reads the marker). Every wait is bounded: past {@code timeout} the
 * caller answers 503 {@value #UNAVAILABLE} (see {@link #await}).
 *
 * <p>The asking (a producer, and the answers waiting) is {@link DirectoryRequests}'; reading an entry into an
 * identity is {@link DirectoryEntries}'.
 */
public final class PlayerDirectory implements AutoCloseable {
  /** The header of an answer naming the request it answers. */
  public static final String REQUEST_HEADER = "coffer-directory-request";
  /** The problem code of a directory that did not answer in time. */
  public static final String UNAVAILABLE = "DIRECTORY_UNAVAILABLE";
  private static final Logger LOG = LoggerFactory.getLogger(PlayerDirectory.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * Where the directory is and how long to wait for it.
   *
   * @param requestsTopic {@code coffer.player-directory-requests}
   * @param directoryTopic {@code coffer.player-directory}
   * @param timeout the longest wait for an answer
   * @param cacheSize the most active entries kept in memory
   * @param clientId the Kafka client id prefix
   */
  public record Settings(String requestsTopic, String directoryTopic, Duration timeout, int cacheSize,
                         String clientId) {
    public Settings {
      Objects.requireNonNull(requestsTopic, "requestsTopic");
      Objects.requireNonNull(directoryTopic, "directoryTopic");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(clientId, "clientId");
      if (cacheSize < 1) {
        throw new IllegalArgumentException("cacheSize must be positive");
      }
    }
  }

  private final Apps apps;
  private final Settings settings;
  private final DirectoryRequests requests;
  private final TopicFollower<String, DirectoryEntry> follower;
  private final IdentityCache cache;

  /**
   * @param clientConfig bootstrap servers and extra client settings
   * @param registry the schema registry
   * @param apps the apps (their keys unwrap the data keys)
   * @param settings topics, timeout, cache size
   * @param clock stamps requests
   */
  public PlayerDirectory(final Map<String, Object> clientConfig, final SchemaRegistry registry, final Apps apps,
                         final Settings settings, final Clock clock) {
    this.apps = Objects.requireNonNull(apps, "apps");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.cache = new IdentityCache(settings.cacheSize());
    this.requests = new DirectoryRequests(clientConfig, registry, settings, clock);
    final Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.remove(ProducerConfig.CLIENT_ID_CONFIG);
    this.follower = TopicFollower.of(consumerConfig,
        TypedTopics.withRegistry(registry, false).playerDirectory().named(settings.directoryTopic()),
        new TopicFollower.Setup(settings.directoryTopic(), settings.clientId() + "-directory",
            settings.clientId() + "-directory", 20, LOG, "Directory follower", "directory", "directory entry",
            "player requests answer 503 " + UNAVAILABLE + " until restart"),
        this::apply);
  }

  /** Starts following the directory from its end (bounded metadata lookups). */
  public void start(final Duration timeout) {
    follower.followFromEnd(timeout);
  }

  /**
   * The player of {@code playerId}, made if the directory has none (or only an ERASED marker): a fresh
   * random ref and data key, which the directory takes unless another request made the player first.
   *
   * @param app the app
   * @param playerId the external player id
   * @return completes with an ACTIVE identity
   */
  public CompletableFuture<PlayerIdentity> create(final App app, final String playerId) {
    final String lookup = app.pseudonyms().lookup(playerId);
    final PlayerIdentity cached = cache.get(DirectoryEntries.key(app.appId(), lookup));
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    final byte[] refBytes = new byte[16];
    RANDOM.nextBytes(refBytes);
    final String ref = BASE64URL.encodeToString(refBytes);
    final byte[] dataKey = dev.coffer.apps.Aead.newKey();
    final DirectoryRequest.Builder request = requests.request(app.appId(), lookup, DirectoryOp.CREATE)
        .setNewPlayerRef(ref).setNewWrappedKey(ByteBuffer.wrap(app.dataKeys().wrap(ref, dataKey)));
    return requests.ask(request).thenApply(identity -> {
      if (!identity.active()) {
        throw new IllegalStateException("the directory answered a CREATE of app " + app.appId() + " with "
            + identity.state());
      }
      return identity;
    });
  }

  /**
   * What the directory holds for {@code playerId}, changing nothing.
   *
   * @param app the app
   * @param playerId the external player id
   * @return completes with the identity: ABSENT, ACTIVE or ERASED
   */
  public CompletableFuture<PlayerIdentity> resolve(final App app, final String playerId) {
    final String lookup = app.pseudonyms().lookup(playerId);
    final PlayerIdentity cached = cache.get(DirectoryEntries.key(app.appId(), lookup));
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return requests.ask(requests.request(app.appId(), lookup, DirectoryOp.RESOLVE));
  }

  /**
   * Erases an active player from the directory: its lookup then leads to an ERASED marker, and its data
   * key, with the external id sealed under it, goes to projections for the player.deleted webhook.
   *
   * @param app the app
   * @param playerId the external player id
   * @param active what {@link #resolve} answered for it (ACTIVE)
   * @param erasureEventId the PlayerErased event the ledger applied
   * @param erasureVersion the player's version after it
   * @return completes with what the directory holds afterwards (ERASED; ABSENT or ERASED if another request
   *     got there first)
   */
  public CompletableFuture<PlayerIdentity> erase(final App app, final String playerId, final PlayerIdentity active,
                                                 final String erasureEventId, final long erasureVersion) {
    if (!active.active() || !active.appId().equals(app.appId())) {
      throw new IllegalArgumentException("erase needs the ACTIVE identity of the player in " + app.appId());
    }
    cache.remove(DirectoryEntries.key(app.appId(), active.lookup()));
    return requests.ask(requests.request(app.appId(), active.lookup(), DirectoryOp.ERASE)
        .setEncryptedExternalId(ByteBuffer.wrap(
            ExternalIds.seal(active.dataKey(), app.appId(), active.playerRef(), playerId)))
        .setErasureEventId(erasureEventId).setErasureVersion(erasureVersion));
  }

  /**
   * Waits (bounded) for a directory answer on the caller's thread (a virtual thread of an HTTP server).
   *
   * @param answer what {@link #create}, {@link #resolve} or {@link #erase} returned
   * @return the identity
   * @throws ProblemException 503 {@value #UNAVAILABLE} when the directory did not answer in time or could
   *     not be asked
   */
  public PlayerIdentity await(final CompletableFuture<PlayerIdentity> answer) {
    try {
      return answer.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (final TimeoutException e) {
      throw unavailable("the player directory did not answer within " + settings.timeout().toMillis() + " ms", e);
    } catch (final ExecutionException e) {
      throw unavailable("the player directory could not be asked: " + e.getCause(), e.getCause());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the player directory", e);
    }
  }

  private static ProblemException unavailable(final String detail, final Throwable cause) {
    LOG.warn("{}", detail, cause);
    return new ProblemException(503, UNAVAILABLE, detail + "; nothing was recorded: retry", 1L);
  }

  /** Binds the producer's and the follower's Kafka metrics. */
  public void bindMetrics(final ServiceMetrics metrics) {
    requests.bindMetrics(metrics);
    follower.bindMetrics(metrics);
  }

  /** Whether the follower runs. */
  public boolean healthy() {
    return follower.healthy();
  }

  /** What stopped the follower, if something did. */
  public Optional<Throwable> failure() {
    return follower.failure();
  }

  /** Requests waiting for their answer. */
  public int waitingCount() {
    return requests.waitingCount();
  }

  private void apply(final ConsumerRecord<String, DirectoryEntry> record) {
    final String key = record.key();
    final int bar = key == null ? -1 : key.indexOf('|');
    if (bar <= 0) {
      LOG.warn("Directory record at {}-{}@{} has no appId|lookup key; skipped", record.topic(), record.partition(),
          record.offset());
      return;
    }
    final Header header = record.headers().lastHeader(REQUEST_HEADER);
    final CompletableFuture<PlayerIdentity> answer = header == null ? null
        : requests.answered(new String(header.value(), StandardCharsets.UTF_8));
    final PlayerIdentity identity;
    try {
      identity = DirectoryEntries.identity(apps, key.substring(0, bar), key.substring(bar + 1), record.value());
    } catch (final RuntimeException e) {
      cache.remove(key);
      LOG.error("Directory entry {} cannot be read with this apps file", key, e);
      if (answer != null) {
        answer.completeExceptionally(e);
      }
      return;
    }
    if (identity.active()) {
      cache.refresh(key, identity, answer != null);
    } else {
      cache.remove(key);
    }
    if (answer != null) {
      answer.complete(identity);
    }
  }

  /** Stops following and closes the producer; waiting requests fail. */
  @Override
  public void close() {
    follower.close();
    requests.close();
  }
}

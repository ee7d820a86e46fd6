package dev.coffer.projections.analytics;

import dev.coffer.projections.ProjectionTopics;
import dev.coffer.projections.query.InteractiveQueries;
import dev.coffer.service.metrics.ServiceMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import dev.coffer.service.streams.TransientFailures;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running analytics application ({@link AnalyticsTopology}) of one projections instance: the
 * projections' Streams settings under the application id {@code <application.id>-analytics}, with
 * {@code exactly_once_v2}, {@code commit.interval.ms} set to the flush interval (the app view moves once
 * per flush, so committing more often would only cost the broker markers), and the same
 * {@code application.server} (its stores are read through the same HTTP server, routed by app). A failed stream thread stops this client only: the read models go
 * on, the app view answers 503, and health reports the failure.
 */
public final class AnalyticsStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsStreams.class);
  /** Appended to the projections' application id. */
  public static final String APPLICATION_ID_SUFFIX = "-analytics";

  private final KafkaStreams streams;
  private final Duration closeTimeout;
  private volatile Throwable failure;

  private AnalyticsStreams(final KafkaStreams streams, final Duration closeTimeout) {
    this.streams = streams;
    this.closeTimeout = closeTimeout;
  }

  /**
   * Starts the application.
   *
   * @param projectionsProperties the projections' own Streams properties (with {@code application.server})
   * @param topics the ledger's output topics
   * @param settings retention and flush
   * @param self this instance's {@code application.server}
   * @param queries attached to the application, for the app view's reads
   * @param metrics where the client's metrics go
   * @param closeTimeout how long a close waits
   * @return the started application
   */
  public static AnalyticsStreams start(final Properties projectionsProperties, final ProjectionTopics topics,
                                       final AnalyticsTopology.Settings settings, final HostInfo self,
                                       final InteractiveQueries queries, final ServiceMetrics metrics,
                                       final Duration closeTimeout) {
    final Properties p = new Properties();
    p.putAll(projectionsProperties);
    final String applicationId = p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + APPLICATION_ID_SUFFIX;
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // The app view moves once per flush: a transaction every 20 ms (the read models' interval, inherited)
    // would buy it nothing and cost the brokers a commit marker per partition touched, 50 times a second.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.flush().toMillis()));
    final Topology topology = AnalyticsTopology.build(topics, settings);
    final AnalyticsStreams analytics = new AnalyticsStreams(new KafkaStreams(topology, p), closeTimeout);
    final TransientFailures passing = new TransientFailures();
    analytics.streams.setUncaughtExceptionHandler(e -> {
      // A broker lost under a commit must not take the app view down: the thread is replaced.
      final StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse answer = passing.respond(e, applicationId,
          LOG, StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
      if (answer != StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
        analytics.failure = e;
        LOG.error("The app view of {} is unavailable until a restart", applicationId);
      }
      return answer;
    });
    analytics.streams.setStateListener((next, previous) -> LOG.info("Analytics {} on {} state {} -> {}", applicationId,
        self, previous, next));
    metrics.bind(analytics.streams);
    queries.attach(analytics.streams, self);
    analytics.streams.start();
    return analytics;
  }

  /** Why the application stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    final Throwable f = failure;
    if (f != null) {
      return Optional.of(f);
    }
    final KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
        ? Optional.of(new IllegalStateException("the analytics application is " + state)) : Optional.empty();
  }

  /** The client's state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    if (!streams.close(CloseOptions.timeout(closeTimeout)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
      LOG.warn("Analytics did not close within {}", closeTimeout);
    }
  }
}

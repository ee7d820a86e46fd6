package dev.coffer.projections.webhooks;

import dev.coffer.apps.WebhookSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One app's webhook deliveries, apart from every other app's: {@code parallelism} workers, each with a
 * bounded queue and one delivery at a time. A player's webhooks always take the same worker, so they
 * arrive in order; different players of the app go in parallel; a dead endpoint holds only this app.
 */
final class AppLane implements AutoCloseable {
  /**
   * Webhooks to deliver in order: those of one outcome record, or one re-driven dead letter.
   *
   * @param events the webhooks
   * @param target where they go
   * @param redriveOf the dead letter re-driven, or {@code null}
   * @param done told what became of each, once every webhook is delivered or parked (an outcome
   *     record's offset is then finished)
   */
  record Job(List<WebhookEvent> events, WebhookSettings target, String redriveOf,
             Consumer<List<WebhookDelivery.Result>> done) {
    /** The job of an outcome record: finishing it finishes the record's offset. */
    static Job of(final List<WebhookEvent> events, final WebhookSettings target, final PendingOffsets offsets,
                  final TopicPartition partition, final long offset) {
      return new Job(events, target, null, results -> offsets.finish(partition, offset));
    }
  }

  private final List<BlockingQueue<Job>> queues = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final WebhookDelivery delivery;
  private final Consumer<RuntimeException> onFailure;

  /**
   * @param appId the app, for thread names
   * @param parallelism workers
   * @param capacity jobs waiting over all workers
   * @param delivery sends and parks
   * @param onFailure told when a job can be neither delivered nor parked (its worker stops)
   */
  AppLane(final String appId, final int parallelism, final int capacity, final WebhookDelivery delivery,
          final Consumer<RuntimeException> onFailure) {
    this.delivery = delivery;
    this.onFailure = onFailure;
    final int perWorker = Math.max(1, capacity / parallelism);
    for (int i = 0; i < parallelism; i++) {
      final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(perWorker);
      queues.add(queue);
      workers.add(Thread.ofVirtual().name("coffer-webhooks-" + appId + "-" + i).start(() -> work(queue)));
    }
  }

  /** Queues a job of {@code playerRef}; false when that player's worker is full. */
  boolean offer(final String playerRef, final Job job) {
    return queues.get(Math.floorMod(playerRef.hashCode(), queues.size())).offer(job);
  }

  /** Jobs waiting. */
  int queued() {
    return queues.stream().mapToInt(BlockingQueue::size).sum();
  }

  private void work(final BlockingQueue<Job> queue) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        final Job job = queue.take();
        final List<WebhookDelivery.Result> results = new ArrayList<>(job.events().size());
        for (final WebhookEvent event : job.events()) {
          results.add(delivery.deliverOrPark(event, job.target(), job.redriveOf()));
        }
        job.done().accept(results);
      }
    } catch (final InterruptedException | WebhookDelivery.Stopping e) {
      // Stopping: what is queued or in flight is not finished, so not committed, and sent after a restart.
      Thread.currentThread().interrupt();
    } catch (final RuntimeException e) {
      onFailure.accept(e);
    }
  }

  /** Stops the workers; what is not finished is sent again after a restart. */
  @Override
  public void close() {
    workers.forEach(Thread::interrupt);
    for (final Thread worker : workers) {
      try {
        worker.join(5_000);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

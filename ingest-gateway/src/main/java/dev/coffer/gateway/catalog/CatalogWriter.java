package dev.coffer.gateway.catalog;

import dev.coffer.gateway.ledger.KafkaUnavailableException;
import dev.coffer.gateway.ledger.RecordSender;
import dev.coffer.schemas.catalog.CatalogRecord;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes catalog entries to {@code coffer.catalog} and returns once this gateway's {@link CatalogView}
 * shows them (read your writes). Blocking: call it on a request (virtual) thread.
 */
public final class CatalogWriter {
  private final RecordSender sender;
  private final CatalogView view;
  private final Topic<String, CatalogRecord> topic;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param sender the producer
   * @param view the view to wait on
   * @param topic {@code coffer.catalog}
   * @param timeout bound of a write and its coming back
   * @param clock stamps {@code updatedAt}
   */
  public CatalogWriter(final RecordSender sender, final CatalogView view, final Topic<String, CatalogRecord> topic,
                       final Duration timeout, final Clock clock) {
    this.sender = sender;
    this.view = view;
    this.topic = topic;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Creates or replaces a product. */
  public void put(final String appId, final Product product) {
    write(CatalogKeys.product(appId, product.getProductId()), record(appId, product));
  }

  /** Creates or replaces an item. */
  public void put(final String appId, final Item item) {
    write(CatalogKeys.item(appId, item.getItemId()), record(appId, item));
  }

  /** Deletes a product (a tombstone). */
  public void deleteProduct(final String appId, final String productId) {
    write(CatalogKeys.product(appId, productId), null);
  }

  /** Deletes an item (a tombstone). */
  public void deleteItem(final String appId, final String itemId) {
    write(CatalogKeys.item(appId, itemId), null);
  }

  private CatalogRecord record(final String appId, final Object entry) {
    return CatalogRecord.newBuilder().setAppId(appId).setUpdatedAt(clock.instant()).setEntry(entry).build();
  }

  private void write(final String key, final CatalogRecord value) {
    final RecordMetadata metadata;
    try {
      metadata = sender.send(topic, key, value).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted writing the catalog", e);
    } catch (final ExecutionException e) {
      throw e.getCause() instanceof KafkaUnavailableException k ? k
          : new KafkaUnavailableException("writing the catalog failed", e.getCause());
    } catch (final TimeoutException e) {
      throw new KafkaUnavailableException("writing the catalog timed out", e);
    }
    if (!view.awaitApplied(metadata.partition(), metadata.offset(), timeout)) {
      throw new KafkaUnavailableException("the catalog write did not come back within " + timeout, null);
    }
  }
}

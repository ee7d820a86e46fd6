package dev.coffer.ledger.dedupe;

import dev.coffer.ledger.Topic;
import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.store.CanonicalReader;
import dev.coffer.ledger.store.CanonicalWriter;
import dev.coffer.schemas.ledger.LedgerEvent;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of the repartition topic between dedupe and fold: a format byte, the verdict, then
 * the event's original bytes, decoded on read with the events topic's own value serde.
 */
public final class VerdictedEventSerde implements Serde<VerdictedEvent> {
  private static final int FORMAT = 1;
  private static final int NEW = 0;
  private static final int DUPLICATE = 1;
  private static final int REJECTED = 2;

  private final Topic<String, LedgerEvent> events;

  /**
   * A serde decoding events as {@code events} does.
   *
   * @param events the ledger-events topic
   */
  public VerdictedEventSerde(final Topic<String, LedgerEvent> events) {
    this.events = events;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
  }

  @Override
  public void close() {
  }

  @Override
  public Serializer<VerdictedEvent> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<VerdictedEvent> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  byte[] encode(final VerdictedEvent value) {
    final CanonicalWriter out = new CanonicalWriter().writeByte(FORMAT);
    switch (value.verdict()) {
      case Verdict.New n -> out.writeByte(NEW);
      case Verdict.Duplicate d -> out.writeByte(DUPLICATE).writeString(d.originalEventId());
      case Verdict.Rejected r -> out.writeByte(REJECTED).writeString(r.reason().name()).writeString(r.message())
          .writeString(r.originalEventId());
    }
    return out.writeBytes(value.eventBytes()).toByteArray();
  }

  VerdictedEvent decode(final byte[] bytes) {
    final CanonicalReader in = new CanonicalReader(bytes);
    final int format = in.readByte();
    if (format != FORMAT) {
      throw new SerializationException("fold input: unknown format " + format);
    }
    final int tag = in.readByte();
    final Verdict verdict = switch (tag) {
      case NEW -> new Verdict.New();
      case DUPLICATE -> new Verdict.Duplicate(in.readString());
      case REJECTED -> new Verdict.Rejected(Reason.valueOf(in.readString()), in.readString(), in.readString());
      default -> throw new SerializationException("fold input: unknown verdict " + tag);
    };
    final byte[] eventBytes = in.readBytes();
    in.expectEnd();
    final LedgerEvent event = events.valueSerde().deserializer().deserialize(events.name(), eventBytes);
    return new VerdictedEvent(verdict, eventBytes, event);
  }
}

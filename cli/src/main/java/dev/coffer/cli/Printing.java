package dev.coffer.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.coffer.client.model.BalanceChange;
import dev.coffer.client.model.InstanceChange;
import dev.coffer.client.model.LedgerEntry;
import dev.coffer.client.model.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How commands print Coffer's values: one line for people, or JSON for scripts. */
public final class Printing {
  /** JSON as the commands write it (ISO instants). */
  public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.NON_NULL));

  private Printing() {
  }

  /** One ledger entry on one line: version, time, type, event, then what moved. */
  public static String line(final LedgerEntry e) {
    final List<String> moves = new ArrayList<>();
    for (final BalanceChange b : e.balances()) {
      moves.add(b.currency() + " " + signed(b.delta()) + " = " + b.balance());
    }
    for (final InstanceChange i : e.instances()) {
      moves.add(i.instance().itemId() + " " + shortId(i.instance().instanceId()) + " " + signed(i.delta()) + " = "
          + i.instance().quantity() + " " + i.instance().status());
    }
    return String.format(Locale.ROOT, "v%-5d %s  %-20s %s%s  %s", e.version(), e.occurredAt(), e.eventType(),
        e.eventId(), e.migration() ? " (migration)" : "", String.join("; ", moves));
  }

  /** An outcome on one line. */
  public static String line(final Outcome o) {
    return o.status() + (o.originalStatus() == null ? "" : " (of " + o.originalStatus() + " " + o.originalEventId()
        + ")") + (o.reason() == null ? "" : " " + o.reason()) + ", event " + o.eventId() + ", version " + o.version();
  }

  /** A value as one line of JSON. */
  public static String json(final Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** A value as indented JSON. */
  public static String prettyJson(final Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static String signed(final long n) {
    return n >= 0 ? "+" + n : Long.toString(n);
  }

  private static String shortId(final String id) {
    return id.length() <= 8 ? id : id.substring(0, 8);
  }
}

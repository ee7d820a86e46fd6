package dev.coffer.ledger.fold;

import dev.coffer.ledger.inventory.Inventory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one stream thread's {@link FoldCodecs.PlayerStateCodec} recently encoded and decoded, by identity. For
 * each event the fold reads the player's state, decides, encodes the new state (to check its size against the
 * limit), puts it, and at the player's next event reads it again. Kafka Streams' record cache keeps the very
 * array the put gave it and hands it back to the next get. Without this memo every event decoded the player's
 * whole state from that array, and encoded the whole new state twice (the check and the put), its unchanged
 * inventory included: the player-state codec was the fold's largest own cost in deploy/bench's profile, and it
 * grows with what a player holds.
 *
 * <p>Every hit is by identity of immutable values, so a hit cannot be stale. An array this thread encoded from a
 * state decodes to that state; an inventory object read from (or written to) an array encodes to that array's
 * inventory section. A store wiped and restored hands out new arrays, which miss. Bounded by the bytes of the
 * arrays it holds. Not thread-safe: one per thread.
 */
final class StateMemo {
  /** A state, the bytes it encodes to, and where the inventory's section of them starts. */
  record Known(PlayerState state, byte[] bytes, int inventoryAt) {
    /** The inventory section's length. */
    int inventoryLength() {
      return bytes.length - inventoryAt;
    }
  }

  /** An array as a map key by identity: two arrays with the same content are different keys. */
  private record Identity(byte[] bytes) {
    @Override
    public boolean equals(final Object o) {
      return o instanceof Identity other && other.bytes == bytes;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(bytes);
    }
  }

  private final long budget;
  /** The states this thread encoded, by their array, least recently used first. */
  private final LinkedHashMap<Identity, Known> encoded = new LinkedHashMap<>(256, 0.75f, true);
  private long held;
  private Known lastEncoded;
  private Known lastDecoded;

  /**
   * @param budget the most bytes of encoded states it keeps (the arrays; the states they decode to take a few
   *     times that)
   */
  StateMemo(final long budget) {
    this.budget = budget;
  }

  /** The bytes this thread last encoded, if they are this very state's; else null. */
  byte[] bytesOf(final PlayerState state) {
    return lastEncoded != null && lastEncoded.state() == state ? lastEncoded.bytes() : null;
  }

  /** The state this very array encodes, if this thread encoded it or just decoded it; else null. */
  PlayerState stateOf(final byte[] bytes) {
    Known known = encoded.get(new Identity(bytes));
    if (known == null && lastDecoded != null && lastDecoded.bytes() == bytes) {
      known = lastDecoded;
    }
    if (known == null) {
      return null;
    }
    lastDecoded = known;
    return known.state();
  }

  /** An encoding whose inventory section encodes this very inventory (the one just read or written); else null. */
  Known sectionOf(final Inventory inventory) {
    if (lastDecoded != null && lastDecoded.state().inventory() == inventory) {
      return lastDecoded;
    }
    if (lastEncoded != null && lastEncoded.state().inventory() == inventory) {
      return lastEncoded;
    }
    return null;
  }

  /** Remembers a state this thread decoded. */
  void decoded(final Known known) {
    lastDecoded = known;
  }

  /** Remembers a state this thread encoded; forgets the least recently used past the budget. */
  void encoded(final Known known) {
    lastEncoded = known;
    if (known.bytes().length > budget) {
      return;
    }
    if (encoded.put(new Identity(known.bytes()), known) == null) {
      held += known.bytes().length;
    }
    final Iterator<Map.Entry<Identity, Known>> eldest = encoded.entrySet().iterator();
    while (held > budget && eldest.hasNext()) {
      held -= eldest.next().getKey().bytes().length;
      eldest.remove();
    }
  }
}

package dev.coffer.ledger.directory;

import java.util.Arrays;
import java.util.Objects;

/**
 * The player directory's rules, a pure function of what the directory holds for a lookup and one
 * request. The requester makes the new player's ref and wrapped data key (so the ledger needs no tenant
 * secret); the directory only decides whether to take them: the first CREATE of a lookup that is absent
 * or ERASED does, every later one is answered with the entry it made. Requests of one lookup are decided
 * in the order of their partition, so two gateways racing to create a player both learn the same ref.
 */
public final class DirectoryRules {
  private DirectoryRules() {
  }

  /** What is asked (the request's operation). */
  public enum Op {
    /** The entry as it stands. */
    RESOLVE,
    /** The entry, made ACTIVE with the request's ref and key unless it already is. */
    CREATE,
    /** An ACTIVE entry made ERASED. */
    ERASE
  }

  /**
   * A request.
   *
   * @param op what is asked
   * @param requestedAt when (epoch millis): the {@code since} of a new state
   * @param newPlayerRef CREATE: the ref to give
   * @param newWrappedKey CREATE: the wrapped key to give
   */
  public record Request(Op op, long requestedAt, String newPlayerRef, byte[] newWrappedKey) {
    public Request {
      Objects.requireNonNull(op, "op");
    }
  }

  /**
   * The decision.
   *
   * @param after what the directory holds afterwards (null: nothing, the lookup was never seen)
   * @param changed whether {@code after} must be written
   * @param keyRecord what {@code coffer.player-keys} gets: {@link KeyRecord.Created} for a new player,
   *     {@link KeyRecord.Erased} for an erased one, null otherwise
   */
  public record Decision(DirectoryRecord after, boolean changed, KeyRecord keyRecord) {
  }

  /** What the player's data key record becomes. */
  public sealed interface KeyRecord {
    /** The player's ref. */
    String playerRef();

    /** Its wrapped data key. */
    byte[] wrappedKey();

    /** When the player was created. */
    long createdAt();

    /** A new player's key. */
    record Created(String playerRef, byte[] wrappedKey, long createdAt) implements KeyRecord {
    }

    /** An erased player's key, kept until projections send the player.deleted webhook. */
    record Erased(String playerRef, byte[] wrappedKey, long createdAt, long erasedAt) implements KeyRecord {
    }
  }

  /**
   * Decides one request.
   *
   * @param before what the directory holds for the lookup, or null
   * @param request the request
   * @return the decision
   * @throws InvalidRequestException for a CREATE without a usable ref or key
   */
  public static Decision decide(final DirectoryRecord before, final Request request) {
    return switch (request.op()) {
      case RESOLVE -> new Decision(before, false, null);
      case CREATE -> {
        if (before != null && !before.erased()) {
          yield new Decision(before, false, null);
        }
        final String ref = request.newPlayerRef();
        if (ref == null || ref.isBlank() || ref.contains("|") || request.newWrappedKey() == null
            || request.newWrappedKey().length == 0) {
          throw new InvalidRequestException("a CREATE needs newPlayerRef (without '|') and newWrappedKey");
        }
        final DirectoryRecord created = DirectoryRecord.active(ref, request.newWrappedKey(), request.requestedAt());
        yield new Decision(created, true, new KeyRecord.Created(ref, created.wrappedKey(), created.since()));
      }
      case ERASE -> {
        if (before == null || before.erased()) {
          yield new Decision(before, false, null);
        }
        yield new Decision(DirectoryRecord.erasedAt(request.requestedAt()), true,
            new KeyRecord.Erased(before.playerRef(), Arrays.copyOf(before.wrappedKey(), before.wrappedKey().length),
                before.since(), request.requestedAt()));
      }
    };
  }

  /** A request the directory cannot carry out: answered with the entry as it stands. */
  public static final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidRequestException(final String message) {
      super(message);
    }
  }
}

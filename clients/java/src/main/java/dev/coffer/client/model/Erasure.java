package dev.coffer.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a GDPR erasure came to ({@code DELETE /players/{playerId}}).
 *
 * @param result erased, or why nothing was erased
 * @param eventId the ledger's {@code PlayerErased} event when {@link Result#ERASED} (or still {@link Result#PENDING})
 */
public record Erasure(Result result, String eventId) {
  /** The erasure's result, as the gateway spells it. */
  public enum Result {
    /** The ledger recorded the erasure and the directory forgot the player: the id now starts a new player. */
    @JsonProperty("erased") ERASED,
    /** The player was erased before: nothing changed. */
    @JsonProperty("no_op_already_erased") NO_OP_ALREADY_ERASED,
    /** Coffer never saw the player: nothing changed. */
    @JsonProperty("no_op_never_existed") NO_OP_NEVER_EXISTED,
    /** Recorded, not finished: repeating the DELETE finishes it. */
    @JsonProperty("pending") PENDING
  }

  /** Whether this call erased the player (not an earlier one, not a player never seen). */
  public boolean erased() {
    return result == Result.ERASED;
  }
}

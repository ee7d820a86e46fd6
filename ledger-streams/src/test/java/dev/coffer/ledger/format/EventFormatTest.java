package dev.coffer.ledger.format;

import static dev.coffer.ledger.Events.grant;
import static dev.coffer.ledger.Events.grants;
import static dev.coffer.ledger.Events.item;
import static dev.coffer.ledger.Events.playerEvent;
import static dev.coffer.ledger.Events.purchase;
import static dev.coffer.ledger.Events.purchaseEvent;
import static dev.coffer.ledger.Events.spend;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.ledger.Events;
import dev.coffer.ledger.deadletter.DeadLetterReason;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.ProductType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventFormatTest {
  private static Optional<DeadLetterReason> check(final LedgerEvent event) {
    return EventFormat.check(event.getDedupeKey(), event).map(FormatViolation::reason);
  }

  @Test
  void wellFormedEventsPass() {
    assertThat(check(playerEvent("a", "p1", "k1", spend("gems", 5)))).isEmpty();
    assertThat(check(purchaseEvent("b", "p1", purchase("t1", "gems", ProductType.CONSUMABLE,
        grants(Map.of("gems", 5L))).build()))).isEmpty();
  }

  @Test
  void keyMustBeTheDedupeKey() {
    final LedgerEvent event = playerEvent("a", "p1", "k1", spend("gems", 5));

    assertThat(EventFormat.check("other", event)).map(FormatViolation::reason).contains(DeadLetterReason.KEY_MISMATCH);
  }

  @Test
  void dedupeKeyMustHaveTheFormOfItsKind() {
    assertThat(check(Events.envelope("a", "p1", "k1", Events.APP + "|player|p2|k1", spend("gems", 5))))
        .contains(DeadLetterReason.BAD_DEDUPE_KEY);
    assertThat(check(Events.envelope("a", "p1", "t1", Events.APP + "|player|p1|t1",
        purchase("t1", "gems", ProductType.CONSUMABLE, grants(Map.of("gems", 5L))).build())))
        .contains(DeadLetterReason.BAD_DEDUPE_KEY);
    assertThat(check(Events.envelope("a", "p1", "t1", Events.APP + "|receipt|google_play|t1",
        purchase("t1", "gems", ProductType.CONSUMABLE, grants(Map.of("gems", 5L))).build())))
        .contains(DeadLetterReason.BAD_DEDUPE_KEY);
  }

  @Test
  void nonPositiveQuantitiesAndAmountsAreRefused() {
    assertThat(check(playerEvent("a", "p1", "k1", spend("gems", 0)))).contains(DeadLetterReason.NON_POSITIVE_QUANTITY);
    assertThat(check(playerEvent("a", "p1", "k1", grant(grants(Map.of("gems", -1L))))))
        .contains(DeadLetterReason.NON_POSITIVE_QUANTITY);
    assertThat(check(playerEvent("a", "p1", "k1", grant(grants(Map.of(), item("sword", 0))))))
        .contains(DeadLetterReason.NON_POSITIVE_QUANTITY);
    assertThat(check(playerEvent("a", "p1", "k1", Events.consume("i1", -2, grants(Map.of())))))
        .contains(DeadLetterReason.NON_POSITIVE_QUANTITY);
    assertThat(check(purchaseEvent("b", "p1", purchase("t1", "gems", ProductType.CONSUMABLE,
        grants(Map.of("gems", 5L))).setQuantity(0).build()))).contains(DeadLetterReason.NON_POSITIVE_QUANTITY);
  }

  @Test
  void missingIdentityIsRefused() {
    final LedgerEvent noApp = LedgerEvent.newBuilder(playerEvent("a", "p1", "k1", spend("gems", 5))).setAppId("")
        .build();
    final LedgerEvent pipe = LedgerEvent.newBuilder(playerEvent("a", "p1", "k1", spend("gems", 5)))
        .setPlayerRef("p|1").build();

    assertThat(check(noApp)).contains(DeadLetterReason.BAD_APP_ID);
    assertThat(check(pipe)).contains(DeadLetterReason.BAD_PLAYER_REF);
    assertThat(check(playerEvent("a", "p1", "k1", grant(grants(Map.of()))))).contains(DeadLetterReason.EMPTY_GRANT);
  }
}

package dev.coffer.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.gateway.ledger.LedgerEvents;
import dev.coffer.registry.AvroClassTrust;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.Grants;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.privacy.EventDetails;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.privacy.DetailsCipher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What sealing moves out of the clear, and that the event it was given stays as it was. */
class EventSealTest {
  private static final App APP = Apps.parse("""
      apps:
        - appId: demo
          keys: [{label: server, role: server, sha256: %s}]
          pseudonymKey: pseudonym-key-0123456789abcdef0123456789
          playerTokenSecret: token-secret-0123456789abcdef0123456789
      """.formatted(ApiKeys.sha256Hex("k")), Path.of("."), name -> null).find("demo").orElseThrow();
  private static final byte[] DATA_KEY = "data-key-0123456789abcdef0123456".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  static {
    // What every service installs at start: Avro's builders copy Coffer's generated classes.
    AvroClassTrust.install();
  }

  private static LedgerEvent grant() {
    return LedgerEvents.forPlayer("demo", "ref-1", "order-42", GrantIssued.newBuilder().setReason("quest reward")
        .setSourceRefId("quest-7").setGrants(Grants.newBuilder().setCurrencies(Map.of("gems", 5L))
            .setItems(List.of()).build()).build(), false, "req-1", Instant.parse("2026-12-06T00:00:00Z"));
  }

  @Test
  void aGrantsFreeTextAndIdempotencyKeyMoveIntoItsSealedDetailsAndTheGivenEventIsUntouched() {
    final LedgerEvent raw = grant();
    final LedgerEvent before = LedgerEvent.newBuilder(raw).build();

    final LedgerEvent sealed = EventSeal.seal(APP, new PlayerIdentity("demo", "lookup-1",
        PlayerIdentity.State.ACTIVE, "ref-1", DATA_KEY), raw);

    assertThat(raw).as("the event as built").isEqualTo(before);
    assertThat(sealed.getRequestId()).isNull();
    assertThat(sealed.getIdempotencyKey()).isEqualTo(APP.pseudonyms().keyRef("order-42"));
    assertThat(sealed.getDedupeKey()).endsWith("|" + APP.pseudonyms().keyRef("order-42"));
    final GrantIssued payload = (GrantIssued) sealed.getPayload();
    assertThat(payload.getReason()).isEmpty();
    assertThat(payload.getSourceRefId()).isNull();
    assertThat(payload.getGrants().getCurrencies()).containsEntry("gems", 5L);
    assertThat(sealed.getEventId()).isEqualTo(raw.getEventId());
    assertThat(sealed.getOccurredAt()).isEqualTo(raw.getOccurredAt());
    final EventDetails details = DetailsCipher.open(DATA_KEY, "demo", "ref-1", raw.getEventId().toString(),
        sealed.getEncryptedDetails());
    assertThat(details.getReason()).isEqualTo("quest reward");
    assertThat(details.getSourceRefId()).isEqualTo("quest-7");
    assertThat(details.getIdempotencyKey()).isEqualTo("order-42");
    assertThat(details.getRequestId()).isEqualTo("req-1");
  }

  @Test
  void withoutThePlayersKeyNothingIsSealedButTheKeyIsStillARef() {
    final LedgerEvent raw = grant();

    final LedgerEvent sealed = EventSeal.seal(APP, null, raw);

    assertThat(sealed.getEncryptedDetails()).isNull();
    assertThat(sealed.getIdempotencyKey()).isEqualTo(APP.pseudonyms().keyRef("order-42"));
    assertThat(raw.getIdempotencyKey()).isEqualTo("order-42");
    assertThat(raw.getRequestId()).isEqualTo("req-1");
  }
}

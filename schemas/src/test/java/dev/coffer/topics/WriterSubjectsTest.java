package dev.coffer.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.registry.AvroClassTrust;
import dev.coffer.registry.InMemorySchemaRegistry;
import dev.coffer.schemas.analytics.PurchaseLogEntry;
import dev.coffer.schemas.outcome.LedgerOutcome;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WriterSubjectsTest {
  @BeforeAll
  static void trustCoffersClasses() {
    AvroClassTrust.install();
  }

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void aLookupOnlyWriterRefusesToStartNamingEverySubjectTheInstallerDidNotFill() {
    final TypedTopics lookupOnly = TypedTopics.withRegistry(registry, false);
    registry.register(CofferTopics.LEDGER_OUTCOMES.name() + "-value", LedgerOutcome.getClassSchema());

    assertThatThrownBy(() -> WriterSubjects.requireRegistered(List.of(lookupOnly.ledgerOutcomes(),
        lookupOnly.purchaseLog(), lookupOnly.ledgerDeadLetters())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("coffer.purchase-log-value")
        .hasMessageNotContaining("coffer.ledger-outcomes-value")
        .hasMessageContaining("run the installer");

    registry.register(CofferTopics.PURCHASE_LOG.name() + "-value", PurchaseLogEntry.getClassSchema());
    assertThatNoException().isThrownBy(() -> WriterSubjects.requireRegistered(List.of(lookupOnly.ledgerOutcomes(),
        lookupOnly.purchaseLog())));
  }

  @Test
  void aWriterThatRegistersItsOwnSchemasNeedsNothingBeforehand() {
    final TypedTopics registering = TypedTopics.withRegistry(registry, true);

    assertThatNoException().isThrownBy(() -> WriterSubjects.requireRegistered(List.of(registering.purchaseLog())));
    assertThat(registry.subjects()).isEmpty();
  }
}

package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.config.ConfigException;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The setup job of compose and Kubernetes: its settings, and what it does to a real cluster and registry. */
@Timeout(180)
@ExtendWith(CofferStackExtension.class)
class SetupMainTest {

  @Test
  void readsItsSettingsFromTheEnvironmentAndNamesEveryBadKey() {
    final SetupMain.Settings settings = SetupMain.Settings.from(Map.of(
        "COFFER_SETUP_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
        "COFFER_SETUP_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7"));
    assertThat(settings.minBrokers()).isEqualTo(3);
    assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");

    assertThatThrownBy(() -> SetupMain.Settings.from(Map.of("COFFER_SETUP_MIN_BROKERS", "none",
        "COFFER_SETUP_BOOTSTRAP_SERVERS", "kafka-1:9092", "COFFER_SETUP_TYPO", "x")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).keys()).contains("min.brokers", "registry.url"));
  }

  @Tag("integration")
  @Test
  void createsEveryCofferTopicAndSubjectAndMayRunAgain(final CofferStack stack) throws Exception {
    final SetupMain.Settings settings = new SetupMain.Settings(stack.bootstrapServers(), stack.registryUrl(), 1,
        Duration.ofSeconds(60));
    final CofferSetup.Result first = SetupMain.run(settings);
    assertThat(stack.admin().listTopics().names().get(30, TimeUnit.SECONDS))
        .containsAll(CofferTopics.all().stream().map(TopicSpec::name).toList());
    assertThat(first.schemaIds()).containsKey(CofferTopics.LEDGER_EVENTS.name() + "-value");

    final CofferSetup.Result again = SetupMain.run(settings);
    assertThat(again.topics().created()).isEmpty();
    assertThat(again.schemaIds()).isEqualTo(first.schemaIds());
  }
}

package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.service.topics.PartitionLeaders;
import dev.coffer.topics.CofferTopics;
import dev.coffer.topics.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(180)
@ExtendWith(CofferStackExtension.class)
class TopicInstallerTest {

  /** Coffer's definitions under unique names, so this test owns its topics on the shared broker. */
  private static List<TopicSpec> uniqueCopies(final CofferStack stack) {
    return CofferTopics.all().stream()
        .map(s -> s.named(stack.uniqueName(s.name())))
        .toList();
  }

  @Test
  void appliesEveryTopicWithItsConfigsAndIsIdempotent(final CofferStack stack) throws Exception {
    final List<TopicSpec> specs = uniqueCopies(stack);
    final TopicInstaller installer = new TopicInstaller(stack.admin());

    final TopicInstaller.Report first = installer.apply(specs);
    final TopicInstaller.Report second = installer.apply(specs);

    assertThat(first.created()).containsExactlyInAnyOrderElementsOf(specs.stream().map(TopicSpec::name).toList());
    assertThat(second.created()).isEmpty();
    assertThat(second.aligned()).isEmpty();
    assertThat(second.warnings()).isEmpty();
    final Map<String, TopicDescription> described = stack.admin()
        .describeTopics(names(specs)).allTopicNames().get(30, TimeUnit.SECONDS);
    final Map<ConfigResource, Config> configs = stack.admin().describeConfigs(resources(specs))
        .all().get(30, TimeUnit.SECONDS);
    for (final TopicSpec spec : specs) {
      assertThat(described.get(spec.name()).partitions()).hasSize(spec.partitions());
      assertThat(described.get(spec.name()).partitions().get(0).replicas()).hasSize(1);
      final Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
      spec.configs().forEach((key, value) -> assertThat(config.get(key).value()).as("%s of %s", key, spec.name())
          .isEqualTo(value));
    }
  }

  @Test
  void newTopicsAnswerFromTheirLeadersOnceApplied(final CofferStack stack) throws Exception {
    final TopicSpec copy = CofferTopics.LEDGER_SEQUENCE.named(stack.uniqueName("leaders"));
    new TopicInstaller(stack.admin()).apply(List.of(copy));

    // What apply waited for: every partition's leader answers a ListOffsets (KAFKA-14359), at once.
    final Map<TopicPartition, OffsetSpec> latest =
        new HashMap<>();
    for (int p = 0; p < copy.partitions(); p++) {
      latest.put(new TopicPartition(copy.name(), p),
          OffsetSpec.latest());
    }
    assertThat(stack.admin().listOffsets(latest).all().get(5, TimeUnit.SECONDS)).hasSize(copy.partitions());
    final String missing = stack.uniqueName("never-created");
    assertThatThrownBy(() -> PartitionLeaders.await(
        stack.admin(), List.of(missing), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(missing);
  }

  @Test
  void alignsADriftedConfigAndReportsAPartitionDifferenceWithoutFailing(final CofferStack stack)
      throws Exception {
    final TopicSpec spec = CofferTopics.LEDGER_EVENTS;
    final TopicSpec copy = spec.named(stack.uniqueName(spec.name()));
    final TopicInstaller installer = new TopicInstaller(stack.admin());
    installer.apply(List.of(copy));
    final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, copy.name());
    stack.admin().incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
        new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET))))
        .all().get(30, TimeUnit.SECONDS);
    // The controller applied it; the broker answering describeConfigs may see it a moment later.
    Await.until("the drifted retention.ms is visible", Duration.ofSeconds(30),
        () -> "3600000".equals(retentionOf(stack, resource)));
    final TopicSpec morePartitions = copy.withPartitions(copy.partitions() + 2);

    final TopicInstaller.Report report = installer.apply(List.of(morePartitions));

    assertThat(report.created()).isEmpty();
    assertThat(report.aligned()).isEqualTo(Map.of(copy.name(), Map.of("retention.ms", "-1")));
    assertThat(report.warnings()).singleElement().asString()
        .contains(copy.name(), "has 6 partitions", "definition 8");
    Await.until("retention.ms aligned back to -1", Duration.ofSeconds(30),
        () -> "-1".equals(retentionOf(stack, resource)));
  }

  private static String retentionOf(final CofferStack stack, final ConfigResource resource) {
    try {
      return stack.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
          .get(resource).get("retention.ms").value();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (final ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null; // the broker answering has not learned of the new topic yet: ask again
      }
      throw new IllegalStateException("describing " + resource + " failed", e);
    } catch (final TimeoutException e) {
      throw new IllegalStateException("describing " + resource + " failed", e);
    }
  }

  @Test
  void registersEveryValueSubjectAtItsTopicsCompatibility(final CofferStack stack) throws Exception {
    final CofferSetup.Result setup = stack.installCofferTopics();

    final List<String> subjects = CofferTopics.all().stream().filter(TopicSpec::avro)
        .map(TopicSpec::valueSubject).toList();
    assertThat(setup.schemaIds()).containsOnlyKeys(subjects);
    final HttpClient http = HttpClient.newHttpClient();
    final String listed = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    for (final TopicSpec spec : CofferTopics.all().stream().filter(TopicSpec::avro).toList()) {
      final String subject = spec.valueSubject();
      assertThat(listed).contains("\"" + subject + "\"");
      final String config = http.send(HttpRequest.newBuilder(
          URI.create(stack.registryUrl() + "/config/" + subject)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(config).as("compatibility of %s", subject).contains("\"" + spec.compatibility().name() + "\"");
    }
    assertThat(CofferTopics.PURCHASE_LOG.compatibility()).isEqualTo(TopicSpec.Compatibility.FULL_TRANSITIVE);
    // Applying again (a restart of the stack) keeps every schema id.
    final CofferSetup.Result again = CofferSetup.apply(stack.admin(), stack.registryUrl());
    assertThat(again.schemaIds()).isEqualTo(setup.schemaIds());
    assertThat(again.topics().created()).isEmpty();
  }

  private static List<String> names(final Collection<TopicSpec> specs) {
    return specs.stream().map(TopicSpec::name).toList();
  }

  private static List<ConfigResource> resources(final Collection<TopicSpec> specs) {
    return specs.stream().map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
  }
}

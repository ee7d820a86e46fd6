package dev.coffer.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.embedded.CofferStack;
import dev.coffer.embedded.CofferStackExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short fault run: two ledger child JVMs under load, two SIGKILLs and one SIGSTOP/SIGCONT, then an
 * independent replay. Nothing applied twice, nothing acknowledged lost, state equal to the replay.
 */
@Tag("integration")
@Timeout(240)
@ExtendWith(CofferStackExtension.class)
class ShortFaultRunTest {
  private static final Logger LOG = LoggerFactory.getLogger(ShortFaultRunTest.class);

  @Test
  void killedAndPausedInstancesLoseNothingAndApplyNothingTwice(final CofferStack stack,
                                                               @TempDir final Path work)
      throws InterruptedException {
    stack.installCofferTopics();
    final FaultOptions options = FaultOptions.shortRun();
    final FaultResult result = new FaultHarness(stack.bootstrapServers(), stack.registryUrl(), stack.admin(), work)
        .run(options);
    LOG.info("\n{}", result.summary());
    assertThat(result.kills()).isEqualTo(options.kills());
    assertThat(result.pauses()).isEqualTo(options.pauses());
    assertThat(result.acked()).as("acknowledged events").isPositive();
    assertThat(result.appliedTwice()).as("eventIds with more than one outcome").isEmpty();
    assertThat(result.lost()).as("acknowledged events without an outcome").isEmpty();
    assertThat(result.versionGaps()).as("players with non-consecutive versions").isEmpty();
    assertThat(result.replayMismatches()).as("outcomes differing from the replay").isEmpty();
    assertThat(result.stateMismatches()).as("players whose state differs from the replay").isEmpty();
    assertThat(result.playersCompared()).isPositive();
    assertThat(result.passed()).isTrue();
  }
}

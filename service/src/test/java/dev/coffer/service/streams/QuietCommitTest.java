package dev.coffer.service.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/** When a stream thread asks for an early commit: its input quiet for the set time, and only then. */
class QuietCommitTest {
  private static final QuietCommit.Policy POLICY = new QuietCommit.Policy(Duration.ofMillis(4), 3);

  /** One task of the thread: its context and its quiet commit. */
  private record Task(MockProcessorContext<Object, Object> context, QuietCommit quiet) {
    static Task started(final long nowMs) {
      final Task task = new Task(new MockProcessorContext<>(), POLICY.create());
      task.context.setCurrentSystemTimeMs(nowMs);
      task.quiet.init(task.context);
      return task;
    }

    void process(final long nowMs) {
      context.setCurrentSystemTimeMs(nowMs);
      quiet.processed();
    }

    /** Runs the task's check at {@code nowMs}; whether it asked for a commit. */
    boolean check(final long nowMs) {
      context.resetCommit();
      context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(nowMs));
      return context.committed();
    }
  }

  @Test
  void schedulesAWallClockCheckTwicePerQuietTime() {
    final Task task = Task.started(0);
    assertThat(task.context.scheduledPunctuators()).singleElement().satisfies(p -> {
      assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
      assertThat(p.getInterval()).isEqualTo(Duration.ofMillis(2));
    });
  }

  @Test
  void commitsOnceTheThreadsInputHasBeenQuietLongEnough() {
    final Task task = Task.started(1_000);
    assertThat(task.check(1_010)).as("nothing processed: nothing to commit").isFalse();
    task.process(1_010);
    assertThat(task.check(1_013)).as("quiet for 3 of 4 ms").isFalse();
    assertThat(task.check(1_014)).as("quiet for 4 ms").isTrue();
    assertThat(task.check(1_020)).as("already asked, nothing processed since").isFalse();
  }

  @Test
  void aQuietTaskOnABusyThreadWaitsForTheThread() {
    final Task quiet = Task.started(0);
    final Task busy = Task.started(0);
    quiet.process(100);
    busy.process(102);
    assertThat(quiet.check(104)).as("the thread processed 2 ms ago").isFalse();
    busy.process(105);
    assertThat(quiet.check(108)).isFalse();
    assertThat(quiet.check(109)).as("the thread quiet for 4 ms").isTrue();
    assertThat(busy.check(109)).as("each task that processed asks; once the thread committed, a request is a no-op")
        .isTrue();
  }

  @Test
  void aBurstLargerThanTheLimitWaitsForTheInterval() {
    final Task task = Task.started(0);
    for (int i = 0; i < 4; i++) {
      task.process(10 + i);
    }
    assertThat(task.check(20)).as("4 records since the last quiet spell, over the limit of 3").isFalse();
    assertThat(task.check(30)).as("the same quiet spell: decided once").isFalse();
    task.process(40);
    task.process(41);
    assertThat(task.check(45)).as("a burst of 2 after a quiet spell").isTrue();
  }

  @Test
  void zeroTurnsItOff() {
    final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    final QuietCommit off = QuietCommit.Policy.OFF.create();
    off.init(context);
    off.processed();
    assertThat(context.scheduledPunctuators()).isEmpty();
    assertThatThrownBy(() -> new QuietCommit.Policy(Duration.ofMillis(-1), 1)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> new QuietCommit.Policy(Duration.ofMillis(5), 0)).isInstanceOf(
        IllegalArgumentException.class);
  }
}

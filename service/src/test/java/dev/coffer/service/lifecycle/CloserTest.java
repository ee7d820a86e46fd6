package dev.coffer.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {
  @Test
  void closesInReverseOrderEveryPartAndReportsEveryFailure() {
    final List<String> closed = new ArrayList<>();
    final Closer closer = new Closer("the test service");
    closer.register(() -> closed.add("first"));
    closer.register(() -> {
      closed.add("second");
      throw new IllegalStateException("second broke");
    });
    closer.register(() -> closed.add("third"));
    closer.register(() -> {
      closed.add("fourth");
      throw new java.io.IOException("fourth broke");
    });

    assertThatThrownBy(closer::close).isInstanceOf(IllegalStateException.class)
        .hasMessage("closing the test service failed")
        .satisfies(e -> {
          assertThat(e.getCause()).hasMessage("fourth broke");
          assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("second broke"));
        });
    assertThat(closed).containsExactly("fourth", "third", "second", "first");

    closer.close();
    assertThat(closed).as("closing twice closes nothing more").hasSize(4);
    assertThatThrownBy(() -> closer.register(() -> {})).isInstanceOf(IllegalStateException.class);
  }
}

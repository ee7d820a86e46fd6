package dev.coffer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void portsAskedTogetherAreDistinct() {
    for (int round = 0; round < 50; round++) {
      final List<Integer> ports = FreePorts.distinct(8);
      assertThat(new HashSet<>(ports)).hasSize(8);
      assertThat(ports).allSatisfy(p -> assertThat(p).isBetween(1, 65_535));
    }
  }

  @Test
  void aPortOtherThanThoseGivenIsNoneOfThem() {
    final List<Integer> given = FreePorts.distinct(4);
    for (int round = 0; round < 50; round++) {
      assertThat(given).doesNotContain(FreePorts.otherThan(given));
    }
  }
}

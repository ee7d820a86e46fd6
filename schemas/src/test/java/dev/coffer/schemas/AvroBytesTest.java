package dev.coffer.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AvroBytesTest {
  @Test
  void copiesTheRemainingBytesAndLeavesTheBufferAsItWas() {
    final ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
    buffer.position(1);

    assertThat(AvroBytes.copyOf(buffer)).containsExactly(2, 3, 4);
    assertThat(buffer.position()).as("a second read sees the same bytes").isEqualTo(1);
    assertThat(AvroBytes.copyOf(buffer)).containsExactly(2, 3, 4);
  }

  @Test
  void anAbsentFieldStaysAbsent() {
    assertThat(AvroBytes.copyOf(null)).isNull();
  }
}

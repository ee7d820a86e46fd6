package dev.coffer.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CanonicalWriterTest {
  /**
   * The store encoding's bytes were defined by {@code DataOutputStream} (releases before round 15 wrote
   * through it): the writer must give exactly those bytes, or a replay's stores would differ from the
   * stores an older release wrote.
   */
  @Test
  void writesWhatDataOutputStreamWrote() throws IOException {
    final Random random = new Random(15);
    for (int run = 0; run < 200; run++) {
      final ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
      final DataOutputStream expected = new DataOutputStream(expectedBytes);
      // A small start, so most runs grow the array several times.
      final CanonicalWriter actual = new CanonicalWriter(random.nextInt(40));
      for (int op = 0; op < 1 + random.nextInt(60); op++) {
        switch (random.nextInt(6)) {
          case 0 -> {
            final int b = random.nextInt(256);
            expected.writeByte(b);
            actual.writeByte(b);
          }
          case 1 -> {
            final int i = random.nextInt();
            expected.writeInt(i);
            actual.writeInt(i);
          }
          case 2 -> {
            final long l = random.nextLong();
            expected.writeLong(l);
            actual.writeLong(l);
          }
          case 3 -> {
            final String s = "é-" + "x".repeat(random.nextInt(300)) + "-€";
            final byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            expected.writeInt(utf8.length);
            expected.write(utf8);
            actual.writeString(s);
          }
          case 4 -> {
            final boolean present = random.nextBoolean();
            expected.writeBoolean(present);
            if (present) {
              expected.writeLong(-7L);
            }
            actual.writeNullableLong(present ? -7L : null);
          }
          default -> {
            final byte[] raw = new byte[random.nextInt(500)];
            random.nextBytes(raw);
            expected.write(raw);
            actual.append(raw);
          }
        }
      }
      assertThat(actual.toByteArray()).isEqualTo(expectedBytes.toByteArray());
    }
  }

  @Test
  void readsBackWhatItWrote() {
    final TreeMap<String, Long> amounts = new TreeMap<>();
    amounts.put("coins", 12L);
    amounts.put("gems", -3L);
    final byte[] bytes = new CanonicalWriter(1).writeByte(1).writeBoolean(true).writeInt(-5).writeLong(Long.MIN_VALUE)
        .writeString("ünïcode").writeNullableString(null).writeNullableEnum(Thread.State.NEW)
        .writeBytes(new byte[] {1, 2, 3}).writeAmounts(amounts).toByteArray();
    final CanonicalReader in = new CanonicalReader(bytes);
    assertThat(in.readByte()).isEqualTo(1);
    assertThat(in.readBoolean()).isTrue();
    assertThat(in.readInt()).isEqualTo(-5);
    assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(in.readString()).isEqualTo("ünïcode");
    assertThat(in.readNullableString()).isNull();
    final Thread.State state = in.readNullableEnum(Thread.State::valueOf);
    assertThat(state).isEqualTo(Thread.State.NEW);
    assertThat(in.readBytes()).containsExactly(1, 2, 3);
    assertThat(in.readAmounts()).isEqualTo(amounts);
    in.expectEnd();
  }

  @Test
  void aTruncatedValueFailsAsSerializationException() {
    final byte[] bytes = new CanonicalWriter().writeString("abcdef").writeLong(9L).toByteArray();
    for (int cut = 0; cut < bytes.length; cut++) {
      final CanonicalReader in = new CanonicalReader(Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> {
        in.readString();
        in.readLong();
      }).isInstanceOf(SerializationException.class);
    }
  }
}

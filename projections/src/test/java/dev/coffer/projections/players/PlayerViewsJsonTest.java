package dev.coffer.projections.players;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.projections.store.JsonSerde;
import dev.coffer.projections.wallet.Balance;
import dev.coffer.projections.wallet.Wallet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The one stored value of a player's status and wallet, and what an older state's value does to it. */
class PlayerViewsJsonTest {
  private final JsonSerde<PlayerViews> serde = new JsonSerde<>(PlayerViews.class);

  @Test
  void statusAndWalletRoundTripAsOneValue() {
    final PlayerViews views = new PlayerViews(new PlayerStatus(7, false, null),
        new Wallet(6, List.of(Balance.of("gems", 40))));

    final byte[] bytes = serde.serializer().serialize("t", views);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(views);
  }

  @Test
  void aStatusWrittenBeforeTheViewsWereOneValueIsRefusedNotReadAsAnEmptyWallet() {
    // What projections-players held before: the status alone (the wallet was in projections-wallets).
    final byte[] old = new JsonSerde<>(PlayerStatus.class).serializer().serialize("t",
        new PlayerStatus(3, false, Instant.parse("2026-12-01T00:00:00Z")));

    assertThat(new String(old, StandardCharsets.UTF_8)).contains("\"version\":3");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", old))
        .isInstanceOf(SerializationException.class).hasMessageContaining("PlayerViews");
  }
}

package dev.coffer.projections.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.projections.store.JsonSerde;
import dev.coffer.projections.wallet.Balance;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswersTest {
  private final ObjectMapper json = JsonSerde.httpMapper();
  private final JsonReplies replies = new JsonReplies(json);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void aRenderedWalletIsTheSameBytesAsTheWalletAnswer(final int currencies) throws Exception {
    final List<Balance> balances = List.of(Balance.of("gems", 70), Balance.of("coins", -5),
        Balance.of("g\u00e9ms \"\u2603\"", Long.MAX_VALUE)).subList(0, currencies);
    final String playerId = "p\u00e9-\"1\"\\/";

    assertThat(json.writeValueAsString(new Answers.RenderedWalletAnswer("app", playerId, 9,
        replies.text(balances))))
        .isEqualTo(json.writeValueAsString(new Answers.WalletAnswer("app", playerId, 9, balances)));
  }
}

package dev.coffer.ledger.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.ledger.rejection.Reason;
import dev.coffer.ledger.rejection.RuleRejected;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WalletRulesTest {
  @Test
  void creditAddsEveryCurrencyInCurrencyOrder() {
    final Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("gold", 5L);
    amounts.put("gems", 100L);
    final WalletUpdate update = WalletRules.credit(Wallet.of(Map.of("gold", 10L)), amounts);

    assertThat(update.wallet().balances()).containsExactly(Map.entry("gems", 100L), Map.entry("gold", 15L));
    assertThat(update.moves()).containsExactly(new BalanceMove("gems", 100, 100), new BalanceMove("gold", 5, 15));
  }

  @Test
  void spendTakesTheAmountWhenTheBalanceCoversIt() {
    final WalletUpdate update = WalletRules.spend(Wallet.of(Map.of("gems", 100L)), "gems", 100);

    assertThat(update.wallet().balance("gems")).isZero();
    assertThat(update.moves()).containsExactly(new BalanceMove("gems", -100, 0));
  }

  @Test
  void spendNeverOverdraws() {
    final Wallet wallet = Wallet.of(Map.of("gems", 99L));

    assertThatThrownBy(() -> WalletRules.spend(wallet, "gems", 100))
        .isInstanceOfSatisfying(RuleRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.INSUFFICIENT_FUNDS));
    assertThatThrownBy(() -> WalletRules.spend(Wallet.EMPTY, "gold", 1))
        .isInstanceOfSatisfying(RuleRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.INSUFFICIENT_FUNDS));
  }

  @Test
  void clawBackMayGoNegativeAndTheDebtStaysVisible() {
    final WalletUpdate update = WalletRules.clawBack(Wallet.of(Map.of("gems", 30L)), Map.of("gems", 100L));

    assertThat(update.wallet().balance("gems")).isEqualTo(-70);
    assertThat(update.moves()).isEqualTo(List.of(new BalanceMove("gems", -100, -70)));
  }

  @Test
  void creditThatWouldOverflowIsRejected() {
    final Wallet wallet = Wallet.of(Map.of("gems", Long.MAX_VALUE));

    assertThatThrownBy(() -> WalletRules.credit(wallet, Map.of("gems", 1L)))
        .isInstanceOfSatisfying(RuleRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.AMOUNT_OVERFLOW));
  }

  @Test
  void walletsAreImmutable() {
    final Wallet wallet = Wallet.of(Map.of("gems", 1L));
    WalletRules.credit(wallet, Map.of("gems", 1L));

    assertThat(wallet.balance("gems")).isEqualTo(1);
    assertThatThrownBy(() -> wallet.balances().put("gems", 5L)).isInstanceOf(UnsupportedOperationException.class);
  }
}

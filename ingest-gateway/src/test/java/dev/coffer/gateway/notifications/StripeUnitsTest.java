package dev.coffer.gateway.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StripeUnitsTest {

  @Test
  void aRefundCoversTheUnitsItsAmountReachesRoundedUpAndNeverMoreThanWereBought() {
    // 3 units for 900: each unit is 300.
    assertThat(StripeEvents.units(0, 900, 3)).isZero();
    assertThat(StripeEvents.units(300, 900, 3)).isEqualTo(1);
    assertThat(StripeEvents.units(301, 900, 3)).isEqualTo(2);
    assertThat(StripeEvents.units(1, 900, 3)).isEqualTo(1);
    assertThat(StripeEvents.units(900, 900, 3)).isEqualTo(3);
    assertThat(StripeEvents.units(5_000, 900, 3)).isEqualTo(3);
    assertThat(StripeEvents.units(Long.MAX_VALUE / 2, Long.MAX_VALUE, 1_000_000)).isEqualTo(500_000);
  }
}

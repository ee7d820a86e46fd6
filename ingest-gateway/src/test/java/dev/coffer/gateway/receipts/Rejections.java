package dev.coffer.gateway.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The one assertion every rejection test makes: refused, with this code and a message. */
public final class Rejections {

  private Rejections() {
  }

  /** Asserts {@code call} throws a {@link ReceiptRejectedException} with {@code code} and a useful message. */
  public static void assertRejected(final ThrowingCallable call, final RejectionCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ReceiptRejectedException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          // A message ending in "null" means a detail was missing when it was built.
          assertThat(e.getMessage()).isNotBlank().doesNotEndWith("null");
        });
  }

  /** As {@link #assertRejected(ThrowingCallable, RejectionCode)}, and the message names {@code messagePart}. */
  public static void assertRejected(final ThrowingCallable call, final RejectionCode code, final String messagePart) {
    assertRejected(call, code);
    assertThatThrownBy(call).hasMessageContaining(messagePart);
  }
}

package dev.coffer.gateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.service.problem.ProblemException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** The request body validator: every accessor names the field and the rule it broke. */
class JsonBodyTest {
  private static JsonBody body(final String json) {
    return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsValidFields() {
    final JsonBody b = body("""
        {"reason": "launch", "id": "gems_100", "n": 5, "price": "0.99", "currency": "EUR", "country": "DE",
         "flag": true, "level": 7, "grants": {"currencies": {"gems": 100}}}""");

    assertThat(b.text("reason", 20)).isEqualTo("launch");
    assertThat(b.id("id")).isEqualTo("gems_100");
    assertThat(b.positive("n")).isEqualTo(5);
    assertThat(b.optionalPrice("price")).isEqualByComparingTo(new BigDecimal("0.99"));
    assertThat(b.optionalIsoCurrency("currency")).isEqualTo("EUR");
    assertThat(b.optionalCountry("country")).isEqualTo("DE");
    assertThat(b.optionalBoolean("flag")).isTrue();
    assertThat(b.optionalInt("level", 1, 10)).isEqualTo(7);
    assertThat(b.object("grants").amounts("currencies", 10)).isEqualTo(Map.of("gems", 100L));
    assertThat(b.optionalText("absent", 10)).isNull();
    assertThat(b.only("reason", "id", "n", "price", "currency", "country", "flag", "level", "grants")).isSameAs(b);
  }

  @Test
  void namesTheFieldAndTheRule() {
    problem(() -> body(""), ErrorCode.MALFORMED_BODY, "the body is empty");
    problem(() -> body("{\"a\": 1, \"a\": 2}"), ErrorCode.MALFORMED_BODY, "not valid JSON");
    problem(() -> body("[1]"), ErrorCode.MALFORMED_BODY, "not a JSON object");
    problem(() -> body("{\"n\": NaN}"), ErrorCode.MALFORMED_BODY, "not valid JSON");
    problem(() -> body("{}").text("reason", 5), ErrorCode.MISSING_FIELD, "reason is required");
    problem(() -> body("{\"reason\": 3}").text("reason", 5), ErrorCode.INVALID_FIELD, "reason must be a string");
    problem(() -> body("{\"reason\": \"too long\"}").text("reason", 5), ErrorCode.INVALID_FIELD, "1 to 5 characters");
    problem(() -> body("{\"reason\": \"a\\u0001b\"}").text("reason", 5), ErrorCode.INVALID_FIELD, "control characters");
    problem(() -> body("{\"id\": \"a|b\"}").id("id"), ErrorCode.INVALID_FIELD, "id must be 1 to 128 of letters");
    problem(() -> body("{\"n\": 1.5}").positive("n"), ErrorCode.INVALID_FIELD, "n must be a whole number");
    problem(() -> body("{\"n\": 0}").positive("n"), ErrorCode.INVALID_FIELD, "from 1 to");
    problem(() -> body("{\"price\": \"0.1234567\"}").optionalPrice("price"), ErrorCode.INVALID_FIELD, "6 decimal");
    problem(() -> body("{\"currency\": \"usd\"}").optionalIsoCurrency("currency"), ErrorCode.INVALID_FIELD, "ISO 4217");
    problem(() -> body("{\"g\": {\"currencies\": {\"gems\": -1}}}").object("g").amounts("currencies", 5),
        ErrorCode.INVALID_FIELD, "g.currencies.gems must be a whole number");
    problem(() -> body("{\"g\": 1}").object("g"), ErrorCode.INVALID_FIELD, "g must be an object");
    problem(() -> body("{\"x\": 1}").only("y"), ErrorCode.UNKNOWN_FIELD, "x is not a field");
    problem(() -> body("{\"rows\": [1]}").objects("rows", 5, ErrorCode.TOO_MANY_ROWS), ErrorCode.INVALID_FIELD,
        "rows[0] must be an object");
    problem(() -> body("{\"rows\": [{}, {}]}").objects("rows", 1, ErrorCode.TOO_MANY_ROWS), ErrorCode.TOO_MANY_ROWS,
        "at most 1");
    problem(() -> body("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"), ErrorCode.MALFORMED_BODY, "not valid JSON");
  }

  private static void problem(final ThrowableAssert.ThrowingCallable call, final ErrorCode code, final String detail) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
      assertThat(e.code()).isEqualTo(code.name());
      assertThat(e.status()).isEqualTo(code.status());
      assertThat(e.getMessage()).contains(detail);
    });
  }
}

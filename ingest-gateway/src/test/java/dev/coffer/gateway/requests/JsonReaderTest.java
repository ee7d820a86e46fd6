package dev.coffer.gateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one body validator with a checked exception of the caller's, as the store verifiers use it. */
class JsonReaderTest {
  /** A caller's own exception, as a store verifier's. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final JsonReader.Problem problem;

    Refused(final JsonReader.Problem problem, final String detail, final Throwable cause) {
      super(detail, cause);
      this.problem = problem;
    }
  }

  private static JsonReader<Refused> read(final String json) throws Refused {
    return JsonReader.parse(json, Refused::new, "purchaseData");
  }

  @Test
  void readsStoreFields() throws Refused {
    final JsonReader<Refused> data = read("""
        {"orderId": "GPA.1", "purchaseTime": 1700000000000, "expiry": "1700000000001", "x5c": ["a", "b"],
         "message": {"data": "ZGF0YQ=="}}""");

    assertThat(data.text("orderId")).isEqualTo("GPA.1");
    assertThat(data.integer("purchaseTime")).isEqualTo(1_700_000_000_000L);
    assertThat(data.int64("expiry")).isEqualTo(1_700_000_000_001L);
    assertThat(data.int64("purchaseTime")).as("a plain number is an int64 too").isEqualTo(1_700_000_000_000L);
    assertThat(data.texts("x5c")).containsExactly("a", "b");
    assertThat(data.optionalObject("message").text("data")).isEqualTo("ZGF0YQ==");
    assertThat(data.optionalObject("absent")).isNull();
    assertThat(data.optionalText("absent")).isNull();
    assertThat(data.optionalInteger("absent")).isNull();
  }

  @Test
  void failsWithTheCallersExceptionNamingTheField() {
    refused("", JsonReader.Problem.MALFORMED, "purchaseData is empty");
    refused("{\"orderId\": \"a\", \"orderId\": \"b\"}", JsonReader.Problem.MALFORMED,
        "purchaseData is not valid JSON");
    refused("\"text\"", JsonReader.Problem.MALFORMED, "purchaseData is not a JSON object");
    assertField("{}", r -> r.text("orderId"), "purchaseData.orderId must be a non-empty string");
    assertField("{\"orderId\": 5}", r -> r.text("orderId"), "purchaseData.orderId must be a string");
    assertField("{\"t\": 1.5}", r -> r.integer("t"), "purchaseData.t must be an integer");
    assertField("{\"t\": \"soon\"}", r -> r.int64("t"), "purchaseData.t must be an integer, was \"soon\"");
    assertField("{\"x5c\": [1]}", r -> r.texts("x5c"), "purchaseData.x5c must be an array of strings");
    assertField("{\"m\": []}", r -> r.optionalObject("m"), "purchaseData.m must be an object");
  }

  @FunctionalInterface
  private interface Read {
    Object apply(JsonReader<Refused> reader) throws Refused;
  }

  private static void assertField(final String json, final Read read, final String detail) {
    assertThatThrownBy(() -> read.apply(read(json))).isInstanceOfSatisfying(Refused.class,
        e -> assertThat(e).hasMessage(detail));
  }

  private static void refused(final String json, final JsonReader.Problem problem, final String detail) {
    assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(Refused.class, e -> {
      assertThat(e.problem).isEqualTo(problem);
      assertThat(e.getMessage()).startsWith(detail);
    });
  }
}

package dev.coffer.embedded.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The judge of every answer the integration tests receive: it must see each kind of broken promise. */
class OpenApiContractTest {
  private static final OpenApiContract SAMPLE = OpenApiContract.load("/dev/coffer/embedded/openapi/sample.yaml");
  private static final String ID = "3f1d8a52-1b6e-4f6a-9a47-0d9a3c0b5e11";

  @Test
  void anAnswerAsDocumentedPasses() {
    assertThat(SAMPLE.parserMessages()).isEmpty();
    assertThat(check("GET", "/things/" + ID + "?x=1", 200, "application/json; charset=utf-8",
        "{\"id\":\"" + ID + "\",\"count\":2,\"note\":null}")).isEmpty();
    assertThat(check("GET", "/things/" + ID, 404, "application/problem+json", "{\"code\":\"NOT_FOUND\"}")).isEmpty();
    assertThat(check("GET", "/things/special", 204, null, "")).as("a literal segment beats a parameter").isEmpty();
    assertThat(check("GET", "/nowhere", 404, "application/problem+json", "{\"code\":\"NOT_FOUND\"}")).isEmpty();
  }

  @Test
  void everyKindOfBrokenPromiseIsNamed() {
    assertThat(check("GET", "/things/" + ID, 500, "application/problem+json", "{\"code\":\"INTERNAL\"}"))
        .singleElement().asString().contains("status 500 is not documented");
    assertThat(check("GET", "/things/" + ID, 200, "text/plain", "hello"))
        .singleElement().asString().contains("text/plain is not among application/json");
    assertThat(check("GET", "/things/" + ID, 200, "application/json", "{\"id\":\"" + ID + "\"}"))
        .first().asString().contains("count");
    assertThat(check("GET", "/things/" + ID, 200, "application/json", "{\"id\":\"" + ID + "\",\"count\":\"two\"}"))
        .first().asString().contains("count");
    assertThat(check("GET", "/things/" + ID, 200, "application/json", "not json"))
        .singleElement().asString().contains("not JSON");
    assertThat(check("GET", "/nowhere", 200, "application/json", "{}"))
        .singleElement().asString().contains("not in");
    assertThat(check("POST", "/things/" + ID, 200, "application/json", "{}"))
        .singleElement().asString().contains("has no POST");
    assertThat(check("GET", "/things/special", 204, "application/json", "{}"))
        .singleElement().asString().contains("no body");
  }

  @Test
  void aDocumentWithoutTheSharedSchemasIsNamedForEachOne() {
    assertThat(SAMPLE.documentProblems()).anySatisfy(p -> assertThat(p).contains("Outcome differs"))
        .anySatisfy(p -> assertThat(p).contains("RejectionReason lists []"));
  }

  private static java.util.List<String> check(final String method, final String path, final int status,
                                              final String contentType, final String body) {
    return SAMPLE.check(method, URI.create("http://127.0.0.1:1" + path), status, contentType, body);
  }
}

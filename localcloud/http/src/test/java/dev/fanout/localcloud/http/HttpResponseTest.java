package dev.fanout.localcloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A response's headers cannot carry a line break, or anything else that would inject a header. */
class HttpResponseTest {
  private static final HttpResponse OK = HttpResponse.of(200, HttpResponse.EMPTY);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\r\nSet-Cookie: stolen",
        "a\nX: y",
        "a\rb",
        "a\u0000b",
        "\u001b[2J",
        "a\u007fb",
        "a\u0085b"
      })
  void withHeader_refusesControlCharactersInAValue(String value) {
    assertThatThrownBy(() -> OK.withHeader("X-Copied", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Copied")
        .hasMessageContaining("control character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X Y", "X:Y", "X\r\nY", "X\u0000", "Caf\u00e9"})
  void withHeader_refusesNamesThatAreNotTokens(String name) {
    assertThatThrownBy(() -> OK.withHeader(name, "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Length", "transfer-encoding", "Connection"})
  void withHeader_refusesTheHeadersTheLoopWritesItself(String name) {
    assertThatThrownBy(() -> OK.withHeader(name, "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("written by the HTTP loop");
  }

  @Test
  void theConstructor_checksAsWithHeaderDoes() {
    assertThatThrownBy(
            () -> new HttpResponse(200, Map.of("X-A", "1\r\nX-B: 2"), HttpResponse.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpResponse.of(99, HttpResponse.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
  }

  @Test
  void tabsAndTextBeyondAscii_areAllowedInValues() {
    HttpResponse response = OK.withHeader("X-A", "a\tb").withHeader("X-B", "caf\u00e9 \u2603");

    assertThat(response.headers()).containsEntry("X-A", "a\tb").containsKey("X-B");
  }
}

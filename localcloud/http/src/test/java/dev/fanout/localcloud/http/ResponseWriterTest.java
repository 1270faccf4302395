package dev.fanout.localcloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a response is laid out for its one gathering write, with no socket. */
class ResponseWriterTest {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

  @Test
  void encode_putsStatusHeadersAndLengthBeforeTheBody() {
    ByteBuffer[] buffers =
        ResponseWriter.encode(HttpResponse.of(202, OK).withHeader("A", "b"), true, true);

    assertThat(buffers).hasSize(2);
    assertThat(text(buffers[0]))
        .isEqualTo("HTTP/1.1 202 Accepted\r\nA: b\r\nContent-Length: 2\r\n\r\n");
    // The body goes out as it is, not copied.
    assertThat(buffers[1].array()).isSameAs(OK);
  }

  @Test
  void encode_keepsTheHeadersInTheirOrder() {
    HttpResponse response =
        HttpResponse.of(200, OK).withHeader("Z", "1").withHeader("A", "2").withHeader("M", "3");

    assertThat(text(ResponseWriter.encode(response, true, true)[0]))
        .isEqualTo("HTTP/1.1 200 OK\r\nZ: 1\r\nA: 2\r\nM: 3\r\nContent-Length: 2\r\n\r\n");
  }

  @Test
  void encode_forHead_hasTheLengthOfTheBodyAndNoBody() {
    ByteBuffer[] buffers = ResponseWriter.encode(HttpResponse.of(200, OK), true, false);

    assertThat(buffers).hasSize(1);
    assertThat(text(buffers[0])).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n");
  }

  @Test
  void encode_whenTheConnectionEnds_addsConnectionClose() {
    ByteBuffer[] buffers = ResponseWriter.encode(HttpResponse.of(200, OK), false, false);

    assertThat(text(buffers[0]))
        .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {204, 304})
  void encode_204And304_haveNeitherLengthNorBody(int status) {
    ByteBuffer[] buffers = ResponseWriter.encode(HttpResponse.of(status, OK), true, true);

    assertThat(buffers).hasSize(1);
    assertThat(text(buffers[0]))
        .startsWith("HTTP/1.1 " + status + " ")
        .doesNotContainIgnoringCase("content-length")
        .endsWith("\r\n\r\n");
  }

  @Test
  void encode_anEmptyBody_isALengthOfZeroAndOneBuffer() {
    ByteBuffer[] buffers =
        ResponseWriter.encode(HttpResponse.of(200, HttpResponse.EMPTY), true, true);

    assertThat(buffers).hasSize(1);
    assertThat(text(buffers[0])).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  }

  @Test
  void encode_anUnlistedStatus_stillHasAReasonPhrase() {
    assertThat(text(ResponseWriter.encode(HttpResponse.of(299, OK), true, true)[0]))
        .startsWith("HTTP/1.1 299 Status\r\n");
  }

  private static String text(ByteBuffer buffer) {
    return new String(
        buffer.array(), buffer.position(), buffer.remaining(), StandardCharsets.ISO_8859_1);
  }
}

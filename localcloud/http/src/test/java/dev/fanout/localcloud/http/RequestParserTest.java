package dev.fanout.localcloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request parser on byte arrays: framing, pipelining, pieces, limits and refusals. */
class RequestParserTest {
  private static final int MAX_BODY = 1024;

  private static final String CHUNKED =
      "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "3;name=value\r\nabc\r\n"
          + "A ; x ; y=\"q\"\r\n0123456789\r\n"
          + "0;last\r\nX-Trailer: t\r\nOther:o\r\n\r\n";

  @Test
  void get_isOneRequestWithPathQueryAndHeaders() throws BadRequest {
    List<RequestParser.Received> requests =
        parseAll("GET /a/b%20c?x=1&y=2 HTTP/1.1\r\nHost: h\r\nX-Tag:  a \r\nx-tag: b\r\n\r\n");

    assertThat(requests).hasSize(1);
    HttpRequest request = requests.get(0).request();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/a/b%20c");
    assertThat(request.query()).isEqualTo("x=1&y=2");
    // Names in lower case, values trimmed, repeats joined.
    assertThat(request.headers()).containsEntry("host", "h").containsEntry("x-tag", "a, b");
    assertThat(request.body()).isEmpty();
    assertThat(requests.get(0).keepAlive()).isTrue();
  }

  @Test
  void chunkedBody_withExtensionsAndTrailers_decodesAlikeSplitAtEveryByte() throws BadRequest {
    byte[] stream = bytes(CHUNKED + "GET /next HTTP/1.1\r\n\r\n");

    for (int split = 0; split <= stream.length; split++) {
      List<RequestParser.Received> requests =
          parseAll(
              new RequestParser(MAX_BODY),
              slice(stream, 0, split),
              slice(stream, split, stream.length));

      assertThat(requests).as("split at %d", split).hasSize(2);
      assertThat(text(requests.get(0).request().body())).isEqualTo("abc0123456789");
      assertThat(requests.get(0).request().headers()).doesNotContainKey("x-trailer");
      assertThat(requests.get(1).request().path()).isEqualTo("/next");
    }
  }

  @Test
  void chunkedBody_decodesAlikeInThreePiecesAndByteByByte() throws BadRequest {
    byte[] stream = bytes(CHUNKED);

    for (int first = 0; first <= stream.length; first += 3) {
      for (int second = first; second <= stream.length; second += 5) {
        List<RequestParser.Received> requests =
            parseAll(
                new RequestParser(MAX_BODY),
                slice(stream, 0, first),
                slice(stream, first, second),
                slice(stream, second, stream.length));
        assertThat(requests).as("split at %d and %d", first, second).hasSize(1);
        assertThat(text(requests.get(0).request().body())).isEqualTo("abc0123456789");
      }
    }
    assertThat(text(parseByteByByte(stream).get(0).request().body())).isEqualTo("abc0123456789");
  }

  @Test
  void pipelinedRequests_inOneBuffer_comeOutInOrderOneAtATime() throws BadRequest {
    RequestParser parser = new RequestParser(MAX_BODY);
    ByteBuffer input =
        ByteBuffer.wrap(
            bytes(
                "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\none"
                    + "GET /b HTTP/1.1\r\n\r\n"
                    + "POST /c HTTP/1.1\r\nContent-Length: 4\r\n\r\nfi"));

    RequestParser.Received a = parser.parse(input);
    // One request per call: what follows stays in the caller's buffer, not in the parser.
    assertThat(text(a.request().body())).isEqualTo("one");
    assertThat(input.remaining()).isGreaterThan(0);
    assertThat(parser.parse(input).request().path()).isEqualTo("/b");
    assertThat(parser.parse(input)).isNull();
    assertThat(input.hasRemaining()).isFalse();
    assertThat(parser.midRequest()).isTrue();

    RequestParser.Received c = parser.parse(ByteBuffer.wrap(bytes("ve")));
    assertThat(c.request().path()).isEqualTo("/c");
    assertThat(text(c.request().body())).isEqualTo("five");
    assertThat(parser.midRequest()).isFalse();
  }

  @Test
  void requestSplitOverReads_isTheSameAsWhole() throws BadRequest {
    String request = "PUT /p?q HTTP/1.1\r\nA: 1\r\nContent-Length: 4\r\n\r\nbody";

    RequestParser.Received whole = parseAll(request).get(0);
    RequestParser.Received pieces = parseByteByByte(bytes(request)).get(0);

    assertThat(pieces.request().path()).isEqualTo(whole.request().path());
    assertThat(pieces.request().headers()).isEqualTo(whole.request().headers());
    assertThat(pieces.request().body()).isEqualTo(whole.request().body());
  }

  @Test
  void emptyLinesBeforeARequest_areSkipped() throws BadRequest {
    assertThat(parseAll("\r\n\r\nGET /x HTTP/1.1\r\n\r\n").get(0).request().path()).isEqualTo("/x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET / HTTP/1.1\nHost: x\n\n",
        "GET / HTTP/1.1\r\nHost: x\n\r\n",
        "GET / HTTP/1.1\r\nA: 1\nB: 2\r\n\r\n",
        "GET / HTTP/1.1\r\nA: 1\r\n\n",
        "GET / HTTP/1.1\rA: 1\r\n\r\n",
        "GET / HTTP/1.1\r\nA: x\ry\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: 1\n\r\n",
      })
  void bareLfOrCr_isRefused400(String request) {
    assertThat(refusal(request)).isEqualTo(400);
    assertThat(refusalByteByByte(request)).isEqualTo(400);
  }

  @Test
  void headOverTheLimit_isRefused431HoweverItArrives() throws BadRequest {
    String big =
        "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(RequestParser.MAX_HEAD_BYTES) + "\r\n\r\n";
    String endless = "GET / HTTP/1.1\r\nX-Endless: " + "a".repeat(RequestParser.MAX_HEAD_BYTES);

    // Whole in one buffer (complete, end of head included), byte by byte, and never ending.
    assertThat(refusal(big)).isEqualTo(431);
    assertThat(refusalByteByByte(big)).isEqualTo(431);
    assertThat(refusal(endless)).isEqualTo(431);

    String start = "GET / HTTP/1.1\r\nX-Fits: ";
    String fits =
        start + "a".repeat(RequestParser.MAX_HEAD_BYTES - start.length() - 4) + "\r\n\r\n";
    assertThat(bytes(fits)).hasSize(RequestParser.MAX_HEAD_BYTES);
    assertThat(parseAll(fits)).hasSize(1);
  }

  @Test
  void trailersOverTheHeadLimit_areRefused431() {
    String request =
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: "
            + "a".repeat(RequestParser.MAX_HEAD_BYTES)
            + "\r\n\r\n";

    assertThat(refusal(request)).isEqualTo(431);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Two ways to frame one body: a front end and this server could disagree.
        "POST / HTTP/1.1\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\nabcd",
        // chunked must be the final coding, or the body's end is unknown.
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked,\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        // Whitespace before the colon, folded lines.
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length\t: 0\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\n\tX-A: 1\r\n\r\n",
        // Content-Length that is not a plain decimal.
        "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1e2\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nContent-Length: \r\n\r\n",
        // Control characters in values; a malformed name; two Hosts.
        "GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: a\u0001b\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: a\u007fb\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: \u001b[31m\r\n\r\n",
        "GET / HTTP/1.1\r\nX(A): 1\r\n\r\n",
        "GET / HTTP/1.1\r\n: 1\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        // Malformed request lines and chunks.
        "GET /only-two-parts\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1 \r\n\r\n",
        "GET / FTP/1.1\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n",
        "GET /a\u0001b HTTP/1.1\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: x\r\n\r\n",
      })
  void ambiguousOrMalformedRequests_areRefused400(String request) {
    assertThat(refusal(request)).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip, chunked", "chunked, chunked", "identity, chunked"})
  void transferCodingsOtherThanChunked_areRefused501(String codings) {
    assertThat(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: " + codings + "\r\n\r\n0\r\n\r\n"))
        .isEqualTo(501);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/2.0", "HTTP/1.2", "HTTP/3"})
  void otherHttpVersions_areRefused505(String version) {
    assertThat(refusal("GET / " + version + "\r\n\r\n")).isEqualTo(505);
  }

  @Test
  void contentLengthOverTheLimit_isRefused413FromTheHeadAlone() {
    // No byte of the body is sent: the refusal comes before it is read.
    assertThat(refusal("POST / HTTP/1.1\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n"))
        .isEqualTo(413);
    assertThat(refusal("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"))
        .isEqualTo(413);
  }

  @Test
  void chunkedBodyOverTheLimit_isRefused413AtTheChunkThatPassesIt() throws BadRequest {
    RequestParser parser = new RequestParser(MAX_BODY);
    String head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertThat(parser.parse(buffer(head + "200\r\n" + "a".repeat(0x200) + "\r\n"))).isNull();

    // The second chunk's size line passes 1024 bytes: refused before its data arrives.
    assertThatThrownBy(() -> parser.parse(buffer("201\r\n")))
        .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.status()).isEqualTo(413));
    assertThat(refusal(head + "FFFFFFFFFFFFFFFFFFFFFFFF\r\n")).isEqualTo(413);
  }

  @Test
  void contentLengthEdges_zeroSpacesRepeatsAndTheLimitItself() throws BadRequest {
    assertThat(parseAll("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").get(0).request().body())
        .isEmpty();
    assertThat(text(parseAll("POST / HTTP/1.1\r\nContent-Length:  3 \r\n\r\nabc").getFirst()))
        .isEqualTo("abc");
    assertThat(text(parseAll("POST / HTTP/1.1\r\nContent-Length: 003\r\n\r\nabc").getFirst()))
        .isEqualTo("abc");
    // The same value twice, in two fields or one list, is one length.
    assertThat(
            text(
                parseAll("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
                    .getFirst()))
        .isEqualTo("abc");
    assertThat(text(parseAll("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc").getFirst()))
        .isEqualTo("abc");
    String atLimit = "a".repeat(MAX_BODY);
    assertThat(
            text(
                parseAll("POST / HTTP/1.1\r\nContent-Length: " + MAX_BODY + "\r\n\r\n" + atLimit)
                    .getFirst()))
        .isEqualTo(atLimit);
  }

  @Test
  void keepAlive_followsTheVersionAndConnectionHeader() throws BadRequest {
    assertThat(parseAll("GET / HTTP/1.1\r\n\r\n").getFirst().keepAlive()).isTrue();
    assertThat(parseAll("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").getFirst().keepAlive())
        .isFalse();
    assertThat(parseAll("GET / HTTP/1.0\r\n\r\n").getFirst().keepAlive()).isFalse();
    assertThat(parseAll("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").getFirst().keepAlive())
        .isTrue();
  }

  @Test
  void expectContinue_isAwaitedOnceTheHeadIsInUntilTheBodyIs() throws BadRequest {
    RequestParser parser = new RequestParser(MAX_BODY);

    assertThat(parser.parse(buffer("POST / HTTP/1.1\r\nExpect: 100-continue\r\n"))).isNull();
    assertThat(parser.awaitsContinue()).isFalse();
    assertThat(parser.parse(buffer("Content-Length: 2\r\n\r\n"))).isNull();
    assertThat(parser.awaitsContinue()).isTrue();
    assertThat(parser.parse(buffer("hi"))).isNotNull();
    assertThat(parser.awaitsContinue()).isFalse();
  }

  @Test
  void tabsAndObsoleteBytesInValues_areAccepted() throws BadRequest {
    HttpRequest request =
        parseAll("GET / HTTP/1.1\r\nX-A: a\tb \u00e9\r\n\r\n").getFirst().request();

    assertThat(request.headers()).containsEntry("x-a", "a\tb \u00e9");
  }

  @Test
  void afterARefusal_theParserRefusesToGoOn() {
    RequestParser parser = new RequestParser(MAX_BODY);
    assertThatThrownBy(() -> parser.parse(buffer("GET / HTTP/1.1\nHost: x\n\n")))
        .isInstanceOf(BadRequest.class);

    assertThatThrownBy(() -> parser.parse(buffer("GET / HTTP/1.1\r\n\r\n")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<RequestParser.Received> parseAll(String stream) throws BadRequest {
    return parseAll(new RequestParser(MAX_BODY), bytes(stream));
  }

  /** Feeds each piece in turn, taking every request that completes. */
  private static List<RequestParser.Received> parseAll(RequestParser parser, byte[]... pieces)
      throws BadRequest {
    List<RequestParser.Received> requests = new ArrayList<>();
    for (byte[] piece : pieces) {
      ByteBuffer input = ByteBuffer.wrap(piece);
      for (RequestParser.Received received = parser.parse(input);
          received != null;
          received = parser.parse(input)) {
        requests.add(received);
      }
      assertThat(input.hasRemaining()).as("every byte consumed").isFalse();
    }
    return requests;
  }

  private static List<RequestParser.Received> parseByteByByte(byte[] stream) throws BadRequest {
    byte[][] pieces = new byte[stream.length][];
    for (int i = 0; i < stream.length; i++) {
      pieces[i] = new byte[] {stream[i]};
    }
    return parseAll(new RequestParser(MAX_BODY), pieces);
  }

  private static int refusal(String stream) {
    try {
      parseAll(stream);
    } catch (BadRequest e) {
      return e.status();
    }
    throw new AssertionError("not refused: " + stream.replace("\r", "\\r").replace("\n", "\\n"));
  }

  private static int refusalByteByByte(String stream) {
    try {
      parseByteByByte(bytes(stream));
    } catch (BadRequest e) {
      return e.status();
    }
    throw new AssertionError("not refused byte by byte: " + stream);
  }

  private static ByteBuffer buffer(String text) {
    return ByteBuffer.wrap(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String text(RequestParser.Received received) {
    return text(received.request().body());
  }
}

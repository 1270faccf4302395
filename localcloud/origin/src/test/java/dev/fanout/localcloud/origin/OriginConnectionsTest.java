package dev.fanout.localcloud.origin;

import static dev.fanout.localcloud.http.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.localcloud.http.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The origin's connections over raw sockets: keep-alive, pipelining, requests that arrive in
 * pieces, clients that leave while their answer waits, and thousands of connections at once.
 */
class OriginConnectionsTest {

  private static final Pattern FIRST_H1 = Pattern.compile("<h1[^>]*>([^<]*)</h1>");

  private OriginServer origin;

  @BeforeEach
  void start() {
    origin = OriginServer.start(OriginOptions.defaults());
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void keepAlive_answersSeveralRequestsOnOneConnection() throws IOException {
    try (Socket socket = connect()) {
      for (int number = 1; number <= 3; number++) {
        send(socket, "GET /pokedex/" + number + " HTTP/1.1\r\nHost: origin\r\n\r\n");

        Answer answer = Answer.read(socket.getInputStream());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("connection")).isNull();
        assertThat(answer.firstH1()).isEqualTo(OriginServer.pokemonName(number));
      }
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrderEachAfterItsOwnDelay() throws IOException {
    try (Socket socket = connect()) {
      // The first waits longer than the second: the answers still come in request order.
      send(
          socket,
          "GET /pokedex/4?delay=150 HTTP/1.1\r\n\r\n"
              + "GET /pokedex/5?delay=20 HTTP/1.1\r\n\r\n"
              + "GET /health HTTP/1.1\r\n\r\n");

      Answer first = Answer.read(socket.getInputStream());
      Answer second = Answer.read(socket.getInputStream());
      Answer third = Answer.read(socket.getInputStream());
      assertThat(first.firstH1()).isEqualTo("Charmander");
      assertThat(first.originMillis()).isGreaterThanOrEqualTo(150.0);
      assertThat(second.firstH1()).isEqualTo("Charmeleon");
      assertThat(second.originMillis()).isGreaterThanOrEqualTo(20.0);
      assertThat(third.body()).isEqualTo("ok");
    }
  }

  @Test
  void requestArrivingInPieces_isAnsweredOnceComplete() throws Exception {
    try (Socket socket = connect()) {
      String request = "GET /pages/dice?delay=0 HTTP/1.1\r\nHost: origin\r\nAccept: */*\r\n\r\n";
      for (int at = 0; at < request.length(); at += 7) {
        send(socket, request.substring(at, Math.min(request.length(), at + 7)));
        Thread.sleep(2);
      }

      Answer answer = Answer.read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).contains("<title>Dice Roll</title>");
    }
  }

  @Test
  void http10WithoutKeepAlive_isAnsweredThenClosed() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /health HTTP/1.0\r\n\r\n");

      Answer answer = Answer.read(socket.getInputStream());
      assertThat(answer.body()).isEqualTo("ok");
      assertThat(answer.header("connection")).isEqualTo("close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void head_isRefusedWithoutABody() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "HEAD /pages/dice HTTP/1.1\r\n\r\nGET /health HTTP/1.1\r\n\r\n");

      InputStream in = socket.getInputStream();
      String head = RawHttp.readHead(in);
      assertThat(head).startsWith("HTTP/1.1 405").containsIgnoringCase("allow: GET");
      // No body: the next bytes are the answer to the pipelined GET.
      assertThat(Answer.read(in).body()).isEqualTo("ok");
    }
  }

  @Test
  void responses_carryDateAndServerTiming() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /pages/dice?delay=30 HTTP/1.1\r\n\r\n");

      Answer answer = Answer.read(socket.getInputStream());
      assertThat(answer.header("date"))
          .matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} .*GMT");
      assertThat(answer.originMillis()).isGreaterThanOrEqualTo(30.0);
    }
  }

  @Test
  void clientLeavingWhileItsAnswerWaits_isNotAnsweredNorCounted() throws Exception {
    try (Socket leaving = connect()) {
      send(leaving, "GET /pages/jython?delay=300 HTTP/1.1\r\n\r\n");
      awaitInProgress(1);
    }
    // The others are still served while the abandoned request waits out its delay.
    try (Socket staying = connect()) {
      send(staying, "GET /pokedex/1?delay=0 HTTP/1.1\r\n\r\n");
      assertThat(Answer.read(staying.getInputStream()).firstH1()).isEqualTo("Bulbasaur");
    }

    awaitInProgress(0);
    assertThat(origin.requestsServed()).isEqualTo(1);
  }

  @Test
  void twoThousandConcurrentConnections_areAllAnsweredWithTheirOwnPage() throws IOException {
    int connections = 2_000;
    List<Socket> sockets = new ArrayList<>(connections);
    try {
      // Every connection is open before the first request is sent, so all 2,000 are open at once
      // and all requests wait out their delay together.
      for (int i = 0; i < connections; i++) {
        sockets.add(connect());
      }
      for (int i = 0; i < connections; i++) {
        send(sockets.get(i), "GET /pokedex/" + number(i) + "?delay=500 HTTP/1.1\r\n\r\n");
      }

      for (int i = 0; i < connections; i++) {
        Answer answer = Answer.read(sockets.get(i).getInputStream());
        assertThat(answer.status()).as("connection %d", i).isEqualTo(200);
        assertThat(answer.firstH1())
            .as("connection %d", i)
            .isEqualTo(OriginServer.pokemonName(number(i)));
        assertThat(answer.originMillis()).as("connection %d", i).isGreaterThanOrEqualTo(500.0);
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    assertThat(origin.requestsServed()).isEqualTo(connections);
  }

  private static int number(int connection) {
    return 1 + connection % 1025;
  }

  private void awaitInProgress(int count) throws InterruptedException {
    for (int polls = 0; origin.requestsInProgress() != count && polls < 500; polls++) {
      Thread.sleep(10);
    }
    assertThat(origin.requestsInProgress()).isEqualTo(count);
  }

  private Socket connect() throws IOException {
    URI base = origin.baseUri();
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  /** One HTTP/1.1 answer as read from the socket: status, headers by lower-case name, body. */
  private record Answer(int status, Map<String, String> headers, String body) {

    static Answer read(InputStream in) throws IOException {
      String head = RawHttp.readHead(in);
      String[] lines = head.split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      assertThat(body).as("the whole body of %s", lines[0]).hasSize(length);
      return new Answer(
          Integer.parseInt(lines[0].split(" ")[1]),
          headers,
          new String(body, StandardCharsets.UTF_8));
    }

    String header(String name) {
      return headers.get(name);
    }

    double originMillis() {
      String timing = headers.get("server-timing");
      return Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
    }

    String firstH1() {
      Matcher h1 = FIRST_H1.matcher(body);
      assertThat(h1.find()).as("page has an <h1>").isTrue();
      return h1.group(1);
    }
  }
}

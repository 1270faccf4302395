package dev.fanout.localcloud.http;

import static dev.fanout.localcloud.http.RawHttp.readHead;
import static dev.fanout.localcloud.http.RawHttp.readResponse;
import static dev.fanout.localcloud.http.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one client cannot do to a server on the loop, over raw sockets: frame a request two ways,
 * send a head or body past the limits, hold more connections than the cap, sit idle, or pipeline
 * without reading until the server's memory runs out.
 */
class HttpLoopLimitsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final byte[] PAGE = new byte[8 * 1024];

  private final BlockingQueue<HttpLoop.Exchange> held = new LinkedBlockingQueue<>();
  private final Queue<String> handled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pages = new AtomicInteger();
  private final HttpLoop.Handler handler =
      exchange -> {
        String path = exchange.request().path();
        if (path.equals("/hold")) {
          held.add(exchange);
        } else if (path.equals("/page")) {
          pages.incrementAndGet();
          exchange.respond(HttpResponse.of(200, PAGE));
        } else {
          handled.add(path);
          exchange.respond(
              HttpResponse.of(200, (path + " " + exchange.request().body().length).getBytes()));
        }
      };
  private HttpLoop loop;

  @BeforeEach
  void start() {
    loop = HttpLoop.start("limits-http", 1024);
  }

  @AfterEach
  void stop() {
    loop.close();
  }

  @Test
  void bareLfLineEndings_areAnswered400AndTheConnectionClosed() throws IOException {
    int port = listen(HttpLimits.of(1024));
    try (Socket socket = connect(port)) {
      send(socket, "GET /lf HTTP/1.1\nHost: x\n\n");

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 400").contains("LF");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void headOverTheLimit_arrivingWhole_isAnswered431() throws IOException {
    int port = listen(HttpLimits.of(1024));
    try (Socket socket = connect(port)) {
      send(socket, "GET /big HTTP/1.1\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 431");
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void headUnderTheLimit_manyTimesTheReadBuffer_isServed() throws IOException {
    int port = listen(HttpLimits.of(1024));
    try (Socket socket = connect(port)) {
      String value = "v".repeat(60_000);
      send(socket, "GET /wide HTTP/1.1\r\nX-Wide: " + value + "\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
    }
    assertThat(handled).containsExactly("/wide");
  }

  @Test
  void contentLengthWithTransferEncoding_isAnswered400AndTheSmuggledRequestNeverHandled()
      throws IOException {
    int port = listen(HttpLimits.of(1024));
    try (Socket socket = connect(port)) {
      send(
          socket,
          "POST /front HTTP/1.1\r\nContent-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 400");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void bodyOverTheLimit_isAnswered413FromItsHead_withoutAskingForTheBody() throws IOException {
    int port = listen(HttpLimits.of(1024));
    try (Socket socket = connect(port)) {
      send(socket, "POST /big HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");

      // No 100 Continue first: the refusal is the answer.
      assertThat(readResponse(socket.getInputStream()))
          .startsWith("HTTP/1.1 413")
          .contains("Connection: close");
    }
  }

  @Test
  void bodyOverTheLimit_sentAnyway_stillReadsAsA413NotAReset() throws IOException {
    int port = listen(HttpLimits.of(1024));
    try (Socket socket = connect(port)) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /big HTTP/1.1\r\nContent-Length: 4000000\r\n\r\n".getBytes());
      // The server has refused by now; it keeps taking (and dropping) the body for a while, so
      // that closing does not reset the connection under the refusal.
      byte[] piece = new byte[64 * 1024];
      for (int sent = 0; sent < 4_000_000; sent += piece.length) {
        out.write(piece, 0, Math.min(piece.length, 4_000_000 - sent));
      }
      out.flush();

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void bodyLimit_isSetPerListener_andRefusalsTakeTheHandlersShape() throws IOException {
    int roomy = listen(HttpLimits.of(1024));
    HttpLoop.Handler shaped =
        new HttpLoop.Handler() {
          @Override
          public void handle(HttpLoop.Exchange exchange) {
            handler.handle(exchange);
          }

          @Override
          public HttpResponse refused(int status, String message) {
            return HttpResponse.json(status, "{\"__type\":\"Refused\"}");
          }
        };
    int tight = loop.listen(new InetSocketAddress(LOOPBACK, 0), shaped, HttpLimits.of(16)).port();
    String request = "POST /body HTTP/1.1\r\nContent-Length: 20\r\n\r\n" + "b".repeat(20);

    try (Socket socket = connect(roomy)) {
      send(socket, request);
      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith(" 20");
    }
    try (Socket socket = connect(tight)) {
      send(socket, request);
      assertThat(readResponse(socket.getInputStream()))
          .startsWith("HTTP/1.1 413")
          .endsWith("{\"__type\":\"Refused\"}");
    }
  }

  @Test
  void connectionsPastTheCap_areAnswered503AndClosed_untilSomeClose() throws Exception {
    int port = listen(HttpLimits.of(1024).withMaxConnections(2));
    Socket first = connect(port);
    try (Socket second = connect(port)) {
      for (Socket socket : new Socket[] {first, second}) {
        send(socket, "GET /open HTTP/1.1\r\n\r\n");
        assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
      }

      try (Socket third = connect(port)) {
        assertThat(readResponse(third.getInputStream()))
            .startsWith("HTTP/1.1 503")
            .contains("too many connections");
        assertThat(third.getInputStream().read()).isEqualTo(-1);
      }

      first.close();
      assertThat(servedOnANewConnection(port)).isTrue();
    } finally {
      first.close();
    }
  }

  @Test
  void idleConnections_areClosed_butNeverOneWhoseRequestAwaitsItsAnswer() throws Exception {
    int port = listen(HttpLimits.of(1024).withIdleTimeout(Duration.ofMillis(200)));
    try (Socket idle = connect(port);
        Socket silent = connect(port);
        Socket waiting = connect(port)) {
      send(idle, "GET /once HTTP/1.1\r\n\r\n");
      assertThat(readResponse(idle.getInputStream())).startsWith("HTTP/1.1 200");
      send(waiting, "GET /hold HTTP/1.1\r\n\r\n");
      HttpLoop.Exchange exchange = held.poll(5, TimeUnit.SECONDS);

      // Closed by the server: an end of stream, well before the 5 s read timeout.
      assertThat(idle.getInputStream().read()).isEqualTo(-1);
      assertThat(silent.getInputStream().read()).isEqualTo(-1);

      // Five idle timeouts with its request unanswered (a long poll): still open.
      Thread.sleep(1_000);
      assertThat(exchange.open()).isTrue();
      exchange.respond(HttpResponse.of(200, "late".getBytes(StandardCharsets.UTF_8)));
      assertThat(readResponse(waiting.getInputStream())).endsWith("late");
      // Answered, it is idle again.
      assertThat(waiting.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void pipeliningWithoutReading_stopsTheServerReading_untilTheClientReads() throws Exception {
    int port = listen(HttpLimits.of(1024));
    int requests = 20_000;
    try (Socket socket = new Socket()) {
      // A small receive buffer, so that what the server may queue is its own send buffer.
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress(LOOPBACK, port));
      socket.setSoTimeout(10_000);
      Thread.ofPlatform()
          .daemon(true)
          .start(
              () -> {
                byte[] one = "GET /page HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[one.length * requests];
                for (int i = 0; i < requests; i++) {
                  System.arraycopy(one, 0, all, i * one.length, one.length);
                }
                try {
                  socket.getOutputStream().write(all);
                } catch (IOException e) {
                  // The socket closed at the end of the test.
                }
              });

      int stalled = awaitSteady(pages);
      // Without the bound the server handles all 20,000 and queues their answers in memory; with
      // it, about its socket's send buffer's worth (8 KB each) and then it stops reading.
      assertThat(stalled).isGreaterThan(0).isLessThan(5_000);

      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < stalled + 1_000; i++) {
        assertThat(readHead(in)).startsWith("HTTP/1.1 200");
        assertThat(in.readNBytes(PAGE.length)).hasSize(PAGE.length);
      }
      assertThat(pages.get()).isGreaterThan(stalled + 1_000);
    }
  }

  /** The count once it has not moved for 300 ms. */
  private static int awaitSteady(AtomicInteger count) throws InterruptedException {
    int last = -1;
    for (int polls = 0; polls < 200; polls++) {
      Thread.sleep(300);
      int now = count.get();
      if (now == last && now > 0) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("still growing after 60 s: " + count.get());
  }

  private boolean servedOnANewConnection(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (Socket socket = connect(port)) {
        send(socket, "GET /again HTTP/1.1\r\n\r\n");
        if (readResponse(socket.getInputStream()).startsWith("HTTP/1.1 200")) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer in 5 s", e);
      } catch (IOException e) {
        // Refused before the close was seen: try again.
      }
      Thread.sleep(50);
    }
    return false;
  }

  private int listen(HttpLimits limits) {
    return loop.listen(new InetSocketAddress(LOOPBACK, 0), handler, limits).port();
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(LOOPBACK, port);
    socket.setSoTimeout(5_000);
    return socket;
  }

  static {
    Arrays.fill(PAGE, (byte) 'p');
  }
}

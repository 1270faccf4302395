package dev.fanout.localcloud.http;

import static dev.fanout.localcloud.http.RawHttp.readHead;
import static dev.fanout.localcloud.http.RawHttp.readResponse;
import static dev.fanout.localcloud.http.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The small HTTP server over raw sockets: framing, keep-alive, order, and clients that vanish. */
class HttpLoopTest {
  private final BlockingQueue<HttpLoop.Exchange> held = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private HttpLoop loop;
  private int port;

  @BeforeEach
  void start() {
    loop = HttpLoop.start("test-http", 1024);
    HttpLoop.Handler handler =
        new HttpLoop.Handler() {
          @Override
          public void handle(HttpLoop.Exchange exchange) {
            HttpRequest request = exchange.request();
            if (request.path().equals("/hold")) {
              held.add(exchange);
              return;
            }
            if (request.path().equals("/later")) {
              // Answers after ?ms=N milliseconds, from a task scheduled on the loop.
              long deadline =
                  System.nanoTime()
                      + 1_000_000L * Long.parseLong(request.queryParameter("ms").get());
              loop.schedule(
                  deadline,
                  () ->
                      exchange.respond(
                          HttpResponse.of(
                              200,
                              ("late " + (System.nanoTime() - deadline >= 0) + " " + loop.inLoop())
                                  .getBytes(StandardCharsets.UTF_8))));
              return;
            }
            String body = new String(request.body(), StandardCharsets.UTF_8);
            exchange.respond(
                HttpResponse.of(
                    200,
                    (request.method() + " " + request.path() + " " + body)
                        .getBytes(StandardCharsets.UTF_8)));
          }

          @Override
          public void abandoned(HttpLoop.Exchange exchange) {
            events.add("abandoned " + exchange.request().path());
          }

          @Override
          public void disconnected(Object connection, boolean reset) {
            events.add(reset ? "reset" : "closed");
          }
        };
    port = loop.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler).port();
  }

  @AfterEach
  void stop() {
    loop.close();
  }

  @Test
  void malformedRequestLine_isRefusedWith400AndTheConnectionClosed() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /only-two-parts\r\nHost: x\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 400");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void keepAlive_answersPipelinedRequestsInOrder() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\none" + "GET /b HTTP/1.1\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).endsWith("POST /a one");
      assertThat(readResponse(socket.getInputStream())).endsWith("GET /b ");
    }
  }

  @Test
  void laterAnswerFromAnotherThread_comesBeforeThePipelinedNext() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /hold HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\n\r\n");
      HttpLoop.Exchange exchange = held.poll(5, TimeUnit.SECONDS);
      Thread answering =
          Thread.ofPlatform()
              .start(
                  () ->
                      exchange.respond(
                          HttpResponse.of(200, "held".getBytes(StandardCharsets.UTF_8))));
      answering.join();

      assertThat(readResponse(socket.getInputStream())).endsWith("held");
      assertThat(readResponse(socket.getInputStream())).endsWith("GET /after ");
    }
  }

  @Test
  void chunkedBodies_andExpectContinue() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
      assertThat(readResponse(socket.getInputStream())).endsWith("POST /c abcde");

      send(socket, "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
      assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 100 Continue");
      send(socket, "hi");
      assertThat(readResponse(socket.getInputStream())).endsWith("POST /e hi");
    }
  }

  @Test
  void oversizedBody_isRefusedWith413() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST /big HTTP/1.1\r\nContent-Length: 5000\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void clientClosingWhileHeld_isReportedAsAbandoned() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /hold HTTP/1.1\r\n\r\n");
      HttpLoop.Exchange exchange = held.poll(5, TimeUnit.SECONDS);
      assertThat(exchange).isNotNull();
    }

    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("abandoned /hold");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("closed");
  }

  @Test
  void resetConnection_isReportedAsReset() throws Exception {
    Socket socket = connect();
    send(socket, "GET /hold HTTP/1.1\r\n\r\n");
    held.poll(5, TimeUnit.SECONDS);
    socket.setSoLinger(true, 0); // close with RST, as a killed process with unread data does
    socket.close();

    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("abandoned /hold");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("reset");
  }

  @Test
  void respondUnlessClosed_runsTheFallbackWhenTheClientIsGone() throws Exception {
    Socket socket = connect();
    send(socket, "GET /hold HTTP/1.1\r\n\r\n");
    HttpLoop.Exchange exchange = held.poll(5, TimeUnit.SECONDS);
    socket.close();
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("abandoned /hold");

    CountDownLatch fallback = new CountDownLatch(1);
    exchange.respondUnlessClosed(HttpResponse.of(200, HttpResponse.EMPTY), fallback::countDown);

    assertThat(fallback.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void head_isAnsweredWithTheHeadersOfGetAndNoBody() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "HEAD /h HTTP/1.1\r\n\r\nGET /g HTTP/1.1\r\n\r\n");

      String head = readHead(socket.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: 8\r\n");
      // No body: the next bytes are the pipelined GET's answer.
      assertThat(readResponse(socket.getInputStream()))
          .startsWith("HTTP/1.1 200")
          .endsWith("GET /g ");
    }
  }

  @Test
  void schedule_runsTasksOnTheLoopInDeadlineOrderAndNeverEarly() throws Exception {
    BlockingQueue<String> ran = new LinkedBlockingQueue<>();
    long[] offsetsMillis = {40, 10, 30, 10, 0, -5};
    // Scheduled in one task on the loop, so that none runs before the last is scheduled: from
    // another thread, the loop may run a due task between two calls.
    loop.execute(
        () -> {
          long now = System.nanoTime();
          for (int i = 0; i < offsetsMillis.length; i++) {
            long deadline = now + offsetsMillis[i] * 1_000_000;
            String name = "t" + i;
            loop.schedule(
                deadline,
                () ->
                    ran.add(
                        name + (System.nanoTime() - deadline >= 0 && loop.inLoop() ? "" : "!")));
          }
        });

    String[] order = new String[offsetsMillis.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = ran.poll(5, TimeUnit.SECONDS);
    }
    // Equal deadlines keep their scheduling order; a past deadline runs at once.
    assertThat(order).containsExactly("t5", "t4", "t1", "t3", "t2", "t0");
  }

  @Test
  void close_endsTheLoopAndAlarmThreadsAndDropsScheduledTasks() {
    HttpLoop closing = HttpLoop.start("closing-http", 1024);
    List<String> ran = new CopyOnWriteArrayList<>();
    closing.schedule(System.nanoTime() + 60_000_000_000L, () -> ran.add("later"));
    closing.schedule(System.nanoTime() + 1_000_000L, () -> ran.add("soon"));
    closing.execute(() -> ran.add("now"));

    closing.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("closing-http"));
    assertThat(ran).doesNotContain("later");
  }

  @Test
  void share_servesOnePortFromTwoLoopsEachConnectionOnOneLoop() throws IOException {
    HttpLoop second = HttpLoop.start("second-http", 1024);
    try {
      HttpLoop.Handler threadName =
          exchange ->
              exchange.respond(
                  HttpResponse.of(
                      200, Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8)));
      HttpLoop.Listener first =
          loop.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), threadName);
      HttpLoop.Listener shared = second.share(first, threadName);
      assertThat(shared.port()).isEqualTo(first.port());

      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), first.port());
          socket.setSoTimeout(5_000);
          sockets.add(socket);
        }
        for (Socket socket : sockets) {
          send(socket, "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        }
        for (Socket socket : sockets) {
          String a = body(readResponse(socket.getInputStream()));
          String b = body(readResponse(socket.getInputStream()));
          // Both answers of a connection come from the loop that accepted it.
          assertThat(a).isIn("test-http", "second-http").isEqualTo(b);
        }
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    } finally {
      second.close();
    }
  }

  @Test
  void scheduledAnswers_keepThePipelinedOrder() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /later?ms=30 HTTP/1.1\r\n\r\nGET /later?ms=0 HTTP/1.1\r\n\r\n");

      assertThat(readResponse(socket.getInputStream())).endsWith("late true true");
      assertThat(readResponse(socket.getInputStream())).endsWith("late true true");
    }
  }

  @Test
  void exchange_isNotOpenOnceTheClientHasGone() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /hold HTTP/1.1\r\n\r\n");
      HttpLoop.Exchange exchange = held.poll(5, TimeUnit.SECONDS);
      assertThat(exchange.open()).isTrue();
      socket.close();
      assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("abandoned /hold");

      assertThat(exchange.open()).isFalse();
    }
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(5_000);
    return socket;
  }
}

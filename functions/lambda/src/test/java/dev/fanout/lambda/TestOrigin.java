package dev.fanout.lambda;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small origin on 127.0.0.1 for the I/O handlers: a page, a PNG, Pokedex pages and a grill,
 * counting the requests it receives.
 */
final class TestOrigin implements AutoCloseable {
  static final byte[] PAGE =
      "<html><body>fanout test page</body></html>".getBytes(StandardCharsets.UTF_8);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private TestOrigin(HttpServer server) {
    this.server = server;
  }

  static TestOrigin start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      TestOrigin origin = new TestOrigin(server);
      server.createContext("/page", exchange -> origin.reply(exchange, "text/html", PAGE));
      server.createContext("/image.png", exchange -> origin.reply(exchange, "image/png", PNG));
      server.createContext(
          "/pokedex/",
          exchange -> {
            String number = exchange.getRequestURI().getPath().substring("/pokedex/".length());
            String name = number.equals("1") ? "Bulbasaur" : "Pokemon " + number;
            origin.reply(
                exchange,
                "text/html; charset=utf-8",
                ("<html><body><h1>" + name + "</h1><h1>Second</h1></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
          });
      // The lunch's grill, cooking at once: /grill/{patty} answers the patty and its ?millis=.
      server.createContext(
          "/grill/",
          exchange -> {
            String patty = exchange.getRequestURI().getPath().substring("/grill/".length());
            String query = exchange.getRequestURI().getQuery();
            String millis = query != null && query.startsWith("millis=") ? query.substring(7) : "0";
            origin.reply(
                exchange,
                "application/json",
                ("{\"patty\":" + patty + ",\"cookedMillis\":" + millis + "}")
                    .getBytes(StandardCharsets.UTF_8));
          });
      server.start();
      return origin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void reply(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body)
      throws IOException {
    requests.incrementAndGet();
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

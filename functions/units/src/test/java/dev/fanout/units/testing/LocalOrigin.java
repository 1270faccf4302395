package dev.fanout.units.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for tests: exact-path routes, and a count of the requests each
 * path received, so a test can prove that a refused URL was never requested.
 */
public final class LocalOrigin implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger totalRequests = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);

  private LocalOrigin(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on an ephemeral port of the loopback address. */
  public static LocalOrigin start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    LocalOrigin origin = new LocalOrigin(server, executor);
    server.createContext("/", origin::dispatch);
    server.setExecutor(executor);
    server.start();
    return origin;
  }

  /** Serves {@code path} (exact match, no query) with {@code handler}. */
  public LocalOrigin route(String path, HttpHandler handler) {
    routes.put(path, handler);
    return this;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests reached {@code path}. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  public int totalRequests() {
    return totalRequests.get();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    totalRequests.incrementAndGet();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    HttpHandler handler = routes.get(path);
    try (exchange) {
      if (handler == null) {
        byte[] body = ("no route for " + path).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
      } else {
        handler.handle(exchange);
      }
    }
  }

  /** Answers with a fixed status, content type and body, with a Content-Length. */
  public static HttpHandler respond(int status, String contentType, byte[] body) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    };
  }

  public static HttpHandler html(String page) {
    return respond(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with a chunked body (no Content-Length), written in pieces of {@code pieceSize}. */
  public static HttpHandler chunked(String contentType, byte[] body, int pieceSize) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int at = 0; at < body.length; at += pieceSize) {
        out.write(body, at, Math.min(pieceSize, body.length - at));
        out.flush();
      }
    };
  }

  public static HttpHandler redirect(int status, String location) {
    return exchange -> {
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(status, -1);
    };
  }

  /** Answers only once the origin closes (or after 10 s): a server slower than any test timeout. */
  public HttpHandler stall() {
    return exchange -> {
      try {
        closing.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
    };
  }

  /**
   * Sends the headers and {@code first} bytes of a longer chunked body, then stalls like {@link
   * #stall()}.
   */
  public HttpHandler stallAfter(byte[] first) {
    return exchange -> {
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write(first);
      exchange.getResponseBody().flush();
      try {
        closing.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}

package dev.fanout.origin;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes one request, waits out its added latency, then sends the whole response. The latency is
 * counted from the moment the handler starts, so the time spent building the response (an image
 * being encoded, say) is part of the wait rather than added to it.
 */
final class OriginHandler implements HttpHandler {

  private static final Response HEALTHY =
      new Response(200, Response.TEXT, "ok".getBytes(StandardCharsets.UTF_8));

  private static final Response NOT_FOUND =
      Response.text(
          404,
          "nothing at this path: try /pages/{jython,dice}, /id/{id}/{width}/{height},"
              + " /pokedex/{number} or /health");

  private final Duration latency;
  private final Duration jitter;
  private final ImageCache images;
  private final AtomicLong served = new AtomicLong();
  private final AtomicInteger inProgress = new AtomicInteger();

  OriginHandler(Duration latency, Duration jitter, ImageCache images) {
    this.latency = latency;
    this.jitter = jitter;
    this.images = images;
  }

  long requestsServed() {
    return served.get();
  }

  int requestsInProgress() {
    return inProgress.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    inProgress.incrementAndGet();
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      RequestDelay delay;
      Response response;
      if ("/health".equals(path)) {
        delay = RequestDelay.NONE;
        response = "GET".equals(method) ? HEALTHY : notAllowed(method);
      } else {
        try {
          delay = RequestDelay.of(exchange.getRequestURI().getRawQuery(), latency, jitter);
          response = route(method, path);
        } catch (BadRequest e) {
          delay = new RequestDelay(latency, jitter);
          response = Response.text(400, e.getMessage());
        }
      }
      long deadline = arrived + delay.sampleNanos(ThreadLocalRandom.current());
      if (sleepUntil(deadline)) {
        send(exchange, method, response, arrived);
      }
      // Otherwise the server is closing: closing the exchange drops the connection unanswered.
    } finally {
      inProgress.decrementAndGet();
    }
  }

  private Response route(String method, String path) {
    String[] parts = path.split("/", -1);
    if ("GET".equals(method)) {
      return find(parts);
    }
    // Judged by the path's shape alone, so that a POST never draws an image only to refuse it.
    boolean route =
        parts.length == 3 && (parts[1].equals("pages") || parts[1].equals("pokedex"))
            || parts.length == 5 && parts[1].equals("id");
    return route ? notAllowed(method) : NOT_FOUND;
  }

  /** The GET answer for a path split on '/', whose first part is the empty string before it. */
  private Response find(String[] parts) {
    if (parts.length == 3 && parts[1].equals("pages")) {
      byte[] page = Pages.page(parts[2]);
      return page == null
          ? Response.text(404, "no page '" + parts[2] + "': the pages are " + Pages.NAMES)
          : Response.html(page);
    }
    if (parts.length == 3 && parts[1].equals("pokedex")) {
      OptionalLong number = Numbers.parse(parts[2], Pokedex.FIRST, Pokedex.LAST);
      return number.isPresent()
          ? Response.html(Pokedex.page((int) number.getAsLong()))
          : Response.text(
              404,
              "no Pokedex page '"
                  + parts[2]
                  + "': numbers go from "
                  + Pokedex.FIRST
                  + " to "
                  + Pokedex.LAST);
    }
    if (parts.length == 5 && parts[1].equals("id")) {
      return image(ImageSpec.parse(parts[2], parts[3], parts[4]));
    }
    return NOT_FOUND;
  }

  private Response image(ImageSpec spec) {
    try {
      return new Response(200, Response.JPEG, images.get(spec).get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.text(503, "the origin is closing: image " + spec + " was not sent");
    } catch (ExecutionException | CancellationException e) {
      return Response.text(500, "could not draw image " + spec + ": " + e.getCause());
    }
  }

  /** Nanoseconds as milliseconds with three decimals, without String.format's cost. */
  static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    long fraction = micros % 1_000;
    return micros / 1_000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
  }

  private static Response notAllowed(String method) {
    return Response.text(405, "method " + method + " is not allowed: the origin only answers GET");
  }

  /** Sleeps until {@code deadline} (a nanoTime); false when interrupted by the server closing. */
  private static boolean sleepUntil(long deadline) {
    try {
      for (long left = deadline - System.nanoTime();
          left > 0;
          left = deadline - System.nanoTime()) {
        Thread.sleep(Duration.ofNanos(left));
      }
      return !Thread.currentThread().isInterrupted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void send(HttpExchange exchange, String method, Response response, long arrived)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    // The origin's own share of the latency, so that a client can tell it from its own queueing.
    headers.set("Server-Timing", "origin;dur=" + millis(System.nanoTime() - arrived));
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    if (response.status() == 405) {
      headers.set("Allow", "GET");
    }
    served.incrementAndGet();
    byte[] body = response.body();
    if ("HEAD".equals(method) || body.length == 0) {
      // -1: no body. The server then writes "Content-length: 0" itself (none for HEAD).
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

package dev.fanout.localcloud.origin;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes one request and schedules its whole response on the HTTP loop for the instant its added
 * latency ends: a waiting request is an entry in the loop's timer queue, not a sleeping thread. The
 * latency is counted from the moment the request is handled, so the time spent building the
 * response (an image being encoded, say) is part of the wait rather than added to it.
 */
final class OriginHandler implements HttpLoop.Handler {

  private static final Response HEALTHY =
      new Response(200, Response.TEXT, "ok".getBytes(StandardCharsets.UTF_8));

  private static final Response NOT_FOUND =
      Response.text(
          404,
          "nothing at this path: try /pages/{jython,dice}, /id/{id}/{width}/{height},"
              + " /pokedex/{number}, /grill/{patty}?millis=N or /health");

  private final HttpLoop loop;
  private final Duration latency;
  private final Duration jitter;
  private final ImageCache images;
  private final Clock clock;
  private final AtomicLong served = new AtomicLong();
  private final AtomicInteger inProgress = new AtomicInteger();

  /** The Date header of the current second; touched on the loop's thread only. */
  private long dateSecond = Long.MIN_VALUE;

  private String date;

  OriginHandler(HttpLoop loop, Duration latency, Duration jitter, ImageCache images, Clock clock) {
    this.loop = loop;
    this.latency = latency;
    this.jitter = jitter;
    this.images = images;
    this.clock = clock;
  }

  long requestsServed() {
    return served.get();
  }

  int requestsInProgress() {
    return inProgress.get();
  }

  @Override
  public void handle(HttpLoop.Exchange exchange) {
    long arrived = System.nanoTime();
    HttpRequest request = exchange.request();
    String method = request.method();
    String path = request.path();
    RequestDelay delay;
    CompletableFuture<Response> response;
    if ("/health".equals(path)) {
      delay = RequestDelay.NONE;
      response =
          CompletableFuture.completedFuture("GET".equals(method) ? HEALTHY : notAllowed(method));
    } else {
      try {
        String[] parts = path.split("/", -1);
        if ("GET".equals(method) && Grill.isGrill(parts)) {
          Grill.Cook cook = Grill.parse(parts[2], request.query());
          delay = cook.delay();
          response = CompletableFuture.completedFuture(cook.response());
        } else {
          delay = RequestDelay.of(request.query(), latency, jitter);
          response = route(method, parts);
        }
      } catch (BadRequest e) {
        delay = new RequestDelay(latency, jitter);
        response = CompletableFuture.completedFuture(Response.text(400, e.getMessage()));
      }
    }
    long deadline = arrived + delay.sampleNanos(ThreadLocalRandom.current());
    // Counted once routed: a route that throws is answered by the loop, never by send().
    inProgress.incrementAndGet();
    if (response.isDone()) {
      sendAt(deadline, exchange, response.resultNow(), arrived);
    } else {
      // An image still being encoded: the wait goes on until it is ready, on the loop's thread.
      response.thenAcceptAsync(ready -> sendAt(deadline, exchange, ready, arrived), loop::execute);
    }
  }

  /** Sends at once when {@code deadline} has passed, else when the loop's timer reaches it. */
  private void sendAt(long deadline, HttpLoop.Exchange exchange, Response response, long arrived) {
    if (deadline - System.nanoTime() <= 0) {
      send(exchange, response, arrived);
    } else {
      loop.schedule(deadline, () -> send(exchange, response, arrived));
    }
  }

  /** Answers a path split on '/' (the grill's GET is answered in {@link #handle}). */
  private CompletableFuture<Response> route(String method, String[] parts) {
    if ("GET".equals(method)) {
      if (parts.length == 5 && parts[1].equals("id")) {
        return image(ImageSpec.parse(parts[2], parts[3], parts[4]));
      }
      return CompletableFuture.completedFuture(find(parts));
    }
    // Judged by the path's shape alone, so that a POST never draws an image only to refuse it.
    boolean route =
        parts.length == 3 && (parts[1].equals("pages") || parts[1].equals("pokedex"))
            || parts.length == 5 && parts[1].equals("id")
            || Grill.isGrill(parts);
    return CompletableFuture.completedFuture(route ? notAllowed(method) : NOT_FOUND);
  }

  /**
   * The GET answer for a path split on '/', whose first part is the empty string before it; images
   * are answered by {@link #image}.
   */
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
    return NOT_FOUND;
  }

  private CompletableFuture<Response> image(ImageSpec spec) {
    // handle() runs at once when the image is cached, so a cached image adds no hop.
    return images
        .get(spec)
        .handle(
            (jpeg, error) ->
                error == null
                    ? new Response(200, Response.JPEG, jpeg)
                    : Response.text(500, "could not draw image " + spec + ": " + error));
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

  /**
   * Sends the whole response in one write, on the loop's thread; nothing when the client has gone
   * while the request waited.
   */
  private void send(HttpLoop.Exchange exchange, Response response, long arrived) {
    try {
      if (!exchange.open()) {
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>(8);
      headers.put("Date", date());
      // The origin's own share of the latency, so that a client can tell it from its own queueing.
      headers.put("Server-Timing", "origin;dur=" + millis(System.nanoTime() - arrived));
      headers.put("Content-Type", response.contentType());
      headers.put("Cache-Control", "no-store");
      if (response.status() == 405) {
        headers.put("Allow", "GET");
      }
      served.incrementAndGet();
      exchange.respond(new HttpResponse(response.status(), headers, response.body()));
    } finally {
      inProgress.decrementAndGet();
    }
  }

  /** The HTTP Date of now, formatted once a second. */
  private String date() {
    long millis = clock.millis();
    long second = Math.floorDiv(millis, 1_000);
    if (second != dateSecond) {
      dateSecond = second;
      date =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
    }
    return date;
  }
}

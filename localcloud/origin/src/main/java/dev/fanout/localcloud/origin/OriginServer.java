package dev.fanout.localcloud.origin;

import dev.fanout.localcloud.http.HttpLimits;
import dev.fanout.localcloud.http.HttpLoop;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The local origin: an HTTP server on (by default) 127.0.0.1 that stands in for the internet in the
 * I/O workloads, serving the articles' pages, picsum-style images and Pokedex pages with a
 * configurable added latency, so that comparisons measure concurrency and nothing else.
 *
 * <p>Routes: {@code GET /pages/{jython,dice}}, {@code GET /id/{id}/{width}/{height}} (JPEG), {@code
 * GET /pokedex/{number}}, {@code GET /grill/{patty}?millis=N} (the lunch's grill: a small JSON
 * answer after exactly N ms, see {@link Grill}) and {@code GET /health} (never delayed). The other
 * routes take {@code ?delay=MS} to replace the latency and {@code ?jitter=MS} to replace the jitter
 * for one request. Every response carries {@code Server-Timing: origin;dur=MS}, the origin's own
 * time, so a client can tell the origin's share of a latency from its own queueing.
 *
 * <p>It runs on {@link HttpLoop} threads, one per core (at most {@value #MAX_LOOPS}), sharing the
 * port: a connection stays on the loop that accepted it and is kept alive, a delayed answer waits
 * as an entry in its loop's timer queue (thousands cost a few hundred bytes each, and no thread),
 * and each answer leaves in one write on a TCP_NODELAY socket. The JDK's HttpServer, with a virtual
 * thread sleeping per request, cost about three times the CPU per request and added tens of
 * milliseconds at the 99th percentile under 2,000 concurrent keep-alive clients.
 */
public final class OriginServer implements AutoCloseable {

  /** The articles' images (ids 0..19 at 200x300), encoded as the server starts. */
  private static final int SEED_IMAGES = 20;

  private static final int CACHE_ENTRIES = 1024;
  private static final long CACHE_BYTES = 64L << 20;

  /**
   * Loops (threads) at most, one per core below that. 2,000 clients at 100 ms latency keep one loop
   * busy about a third of the time; a second halves the queueing when answers fall due together
   * (in-origin p99 about 3 ms instead of 5-7 on 2 cores).
   */
  private static final int MAX_LOOPS = 4;

  /** The origin answers GET; a larger body than this (sent with another method) is refused. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * Connections open at once on the port, all loops together: it is benched with 2,000 keep-alive
   * clients, and stands in for the internet, which does not turn clients away at 1,024.
   */
  private static final int MAX_CONNECTIONS = 10_000;

  private final List<HttpLoop> loops;
  private final ImageCache images;
  private final List<OriginHandler> handlers;
  private final URI baseUri;

  private OriginServer(
      List<HttpLoop> loops, ImageCache images, List<OriginHandler> handlers, URI baseUri) {
    this.loops = List.copyOf(loops);
    this.images = images;
    this.handlers = List.copyOf(handlers);
    this.baseUri = baseUri;
  }

  /**
   * Binds and starts the origin; when this returns it is accepting connections. The articles'
   * images are encoded in the background as it starts.
   *
   * @throws UncheckedIOException naming host:port when the address cannot be bound
   */
  public static OriginServer start(OriginOptions options) {
    InetSocketAddress address = resolve(options);
    int cores = Runtime.getRuntime().availableProcessors();
    List<HttpLoop> loops = new ArrayList<>();
    for (int i = 0; i < Math.clamp(cores, 1, MAX_LOOPS); i++) {
      loops.add(
          HttpLoop.start(
              i == 0 ? "origin-http" : "origin-http-" + (i + 1),
              HttpLimits.of(MAX_BODY_BYTES).withMaxConnections(MAX_CONNECTIONS)));
    }
    ImageCache images = new ImageCache(CACHE_ENTRIES, CACHE_BYTES, Math.max(1, cores));
    List<OriginHandler> handlers = new ArrayList<>();
    for (HttpLoop loop : loops) {
      handlers.add(
          new OriginHandler(loop, options.latency(), options.jitter(), images, Clock.systemUTC()));
    }
    HttpLoop.Listener listener;
    try {
      listener = loops.get(0).listen(address, handlers.get(0));
    } catch (UncheckedIOException e) {
      images.close();
      loops.forEach(HttpLoop::close);
      throw e;
    }
    for (int i = 1; i < loops.size(); i++) {
      loops.get(i).share(listener, handlers.get(i));
    }
    for (int id = 0; id < SEED_IMAGES; id++) {
      images.get(new ImageSpec(id, 200, 300));
    }
    return new OriginServer(
        loops, images, handlers, baseUri(address.getAddress(), listener.port()));
  }

  /** The pages under {@code /pages/}: the articles' two download targets. */
  public static List<String> pageNames() {
    return Pages.NAMES;
  }

  /**
   * The name that the first {@code <h1>} of {@code /pokedex/{number}} carries.
   *
   * @throws IllegalArgumentException when number is outside 1..1025
   */
  public static String pokemonName(int number) {
    return Pokedex.name(number);
  }

  /** Where the origin listens, such as {@code http://127.0.0.1:41234}, with no trailing slash. */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The URI of one of {@link #pageNames()}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public URI pageUri(String name) {
    if (!Pages.NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "no page named '" + name + "': the pages are " + Pages.NAMES);
    }
    return resolve("/pages/" + name);
  }

  /**
   * The URI of a picsum-style JPEG.
   *
   * @throws IllegalArgumentException when id is outside 0..9999 or a side outside 1..2000
   */
  public URI imageUri(int id, int width, int height) {
    ImageSpec spec = new ImageSpec(id, width, height);
    return resolve("/id/" + spec.id() + "/" + spec.width() + "/" + spec.height());
  }

  /**
   * The URI of a Pokedex page.
   *
   * @throws IllegalArgumentException when number is outside 1..1025
   */
  public URI pokedexUri(int number) {
    if (!Pokedex.exists(number)) {
      throw new IllegalArgumentException(
          "number must be in " + Pokedex.FIRST + ".." + Pokedex.LAST + ", got " + number);
    }
    return resolve("/pokedex/" + number);
  }

  /**
   * The URI of the grill cooking {@code patty} for {@code millis} ms.
   *
   * @throws IllegalArgumentException when patty is outside 0..1000000000 or millis outside 0..60000
   */
  public URI grillUri(long patty, long millis) {
    if (patty < 0 || patty > Grill.MAX_PATTY) {
      throw new IllegalArgumentException(
          "patty must be in 0.." + Grill.MAX_PATTY + ", got " + patty);
    }
    if (millis < 0 || millis > Grill.MAX_MILLIS) {
      throw new IllegalArgumentException(
          "millis must be in 0.." + Grill.MAX_MILLIS + ", got " + millis);
    }
    return resolve("/grill/" + patty + "?millis=" + millis);
  }

  /** Requests answered so far, any status, counted as each response starts. */
  public long requestsServed() {
    return handlers.stream().mapToLong(OriginHandler::requestsServed).sum();
  }

  /** Requests being handled now: waiting out their latency or being sent. For tests. */
  int requestsInProgress() {
    return handlers.stream().mapToInt(OriginHandler::requestsInProgress).sum();
  }

  /**
   * Stops at once: stops accepting, drops open connections, and drops requests still waiting out
   * their latency, which go unanswered.
   */
  @Override
  public void close() {
    loops.forEach(HttpLoop::close);
    images.close();
  }

  @Override
  public String toString() {
    return "OriginServer[" + baseUri + "]";
  }

  private URI resolve(String path) {
    return URI.create(baseUri + path);
  }

  private static InetSocketAddress resolve(OriginOptions options) {
    try {
      return new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(
          "cannot bind the origin to "
              + options.host()
              + ":"
              + options.port()
              + ": unknown host; use an address such as 127.0.0.1",
          e);
    }
  }

  private static URI baseUri(InetAddress address, int port) {
    // A wildcard bind listens on loopback too; clients cannot connect to the wildcard itself.
    String host =
        address.isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress().getHostAddress()
            : address.getHostAddress();
    try {
      return new URI("http", null, host, port, null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "cannot form a URI for " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }
}

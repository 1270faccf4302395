package dev.fanout.origin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local origin: an HTTP server on (by default) 127.0.0.1 that stands in for the internet in the
 * I/O workloads, serving the seeds' pages, picsum-style images and Pokedex pages with a
 * configurable added latency, so that comparisons measure concurrency and nothing else.
 *
 * <p>Routes: {@code GET /pages/{jython,dice}}, {@code GET /id/{id}/{width}/{height}} (JPEG), {@code
 * GET /pokedex/{number}}, and {@code GET /health} (never delayed). Any route takes {@code
 * ?delay=MS} to replace the latency and {@code ?jitter=MS} to replace the jitter for one request.
 * Every response carries {@code Server-Timing: origin;dur=MS}, the origin's own time, so a client
 * can tell the origin's share of a latency from its own queueing.
 *
 * <p>Starting an origin sets two JDK system properties unless they are set already: see {@link
 * #start}.
 */
public final class OriginServer implements AutoCloseable {

  /** Room for a burst of 2,000 simultaneous connections, and twice that, before any is refused. */
  static final int BACKLOG = 4096;

  /** The seeds' images (ids 0..19 at 200x300), encoded as the server starts. */
  private static final int SEED_IMAGES = 20;

  private static final int CACHE_ENTRIES = 1024;
  private static final long CACHE_BYTES = 64L << 20;

  private final HttpServer server;
  private final ExecutorService requests;
  private final ImageCache images;
  private final OriginHandler handler;
  private final URI baseUri;
  private boolean closed;

  private OriginServer(
      HttpServer server, ExecutorService requests, ImageCache images, OriginHandler handler) {
    this.server = server;
    this.requests = requests;
    this.images = images;
    this.handler = handler;
    this.baseUri = baseUri(server.getAddress());
  }

  /**
   * Binds and starts the origin; when this returns it is accepting connections. The seeds' images
   * are encoded in the background as it starts.
   *
   * <p>The JDK server reads its tuning system properties once per JVM, when the first server is
   * created. So that small responses are not held back by Nagle's algorithm and a burst of
   * keep-alive clients keeps its connections, this sets {@code sun.net.httpserver.nodelay=true} and
   * {@code sun.net.httpserver.maxIdleConnections=4096} unless they are set already; they take
   * effect only if no HttpServer was created in this JVM before (else pass them with -D).
   *
   * @throws UncheckedIOException naming host:port when the address cannot be bound
   */
  public static OriginServer start(OriginOptions options) {
    InetSocketAddress address = resolve(options);
    tuneJdkServer();
    HttpServer server;
    try {
      server = HttpServer.create(address, BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the origin to "
              + options.host()
              + ":"
              + options.port()
              + " ("
              + e.getMessage()
              + "): pick another port, or port 0 for any free one",
          e);
    }
    ImageCache images =
        new ImageCache(
            CACHE_ENTRIES, CACHE_BYTES, Math.max(1, Runtime.getRuntime().availableProcessors()));
    OriginHandler handler = new OriginHandler(options.latency(), options.jitter(), images);
    // A virtual thread per request: thousands of requests sleeping out their latency cost little.
    ExecutorService requests =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("origin-request-", 0).factory());
    server.createContext("/", handler);
    server.setExecutor(requests);
    server.start();
    for (int id = 0; id < SEED_IMAGES; id++) {
      images.get(new ImageSpec(id, 200, 300));
    }
    return new OriginServer(server, requests, images, handler);
  }

  /**
   * Defaults for two of the JDK server's documented system properties (see the jdk.httpserver
   * module). The JDK reads them once, when the first server in the JVM is created, so they apply
   * only if no other HttpServer was created before; a value set by the user (-D) always wins.
   */
  private static void tuneJdkServer() {
    // The server writes the headers and then the body: with Nagle's algorithm on, a body that does
    // not fit the headers' 8 KB buffer (the jython page, most images) waits for the client's
    // delayed ACK, adding about 40 ms to every such response.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    // By default only 200 idle keep-alive connections are kept and the rest are closed after each
    // response, so a burst of 2,000 clients would reconnect 1,800 times on every round.
    System.getProperties()
        .putIfAbsent("sun.net.httpserver.maxIdleConnections", Integer.toString(BACKLOG));
  }

  /** The pages under {@code /pages/}: the seeds' two download targets. */
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

  /** Requests answered so far, any status, counted as each response starts. */
  public long requestsServed() {
    return handler.requestsServed();
  }

  /** Requests being handled now: waiting out their latency or being sent. For tests. */
  int requestsInProgress() {
    return handler.requestsInProgress();
  }

  /**
   * Stops at once: stops accepting, drops open connections, and interrupts requests still sleeping
   * out their latency, which then go unanswered.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.stop(0);
    requests.shutdownNow();
    images.close();
    try {
      // Interrupted handlers end within milliseconds; waiting keeps their exits inside close().
      requests.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  private static URI baseUri(InetSocketAddress bound) {
    InetAddress address = bound.getAddress();
    // A wildcard bind listens on loopback too; clients cannot connect to the wildcard itself.
    String host =
        address.isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress().getHostAddress()
            : address.getHostAddress();
    try {
      return new URI("http", null, host, bound.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot form a URI for " + bound + ": " + e.getMessage(), e);
    }
  }
}

package dev.fanout.units.http;

import dev.fanout.units.FetchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpFetcher} over Apache HttpComponents 5's minimal asynchronous client: non-blocking I/O
 * on a few reactor threads, HTTP/1.1 with keep-alive, no retries, redirects, cookies or
 * decompression in the client. Redirects are followed here, so that the destination policy sees
 * every hop. Chosen over the JDK's {@code HttpClient} by {@code scripts/bench http}: it spends
 * about half the CPU per request, which is what a many-requests-at-once run waits on.
 */
public final class ApacheHttpFetcher implements HttpFetcher, AutoCloseable {
  private static final String USER_AGENT = "fanout/0.1 (+concurrency lab)";

  /**
   * Connections kept and opened at once, per origin and in all: above any run's requests in flight
   * (the local origin serves 10,000 connections), so a request never queues for a connection.
   */
  static final int MAX_CONNECTIONS = 10_000;

  private final FetchLimits limits;
  private final DestinationPolicy policy;
  private final boolean lazy;
  private volatile MinimalHttpAsyncClient client;

  private ApacheHttpFetcher(FetchLimits limits, DestinationPolicy policy, boolean lazy) {
    this.limits = limits;
    this.policy = policy;
    this.lazy = lazy;
    if (!lazy) {
      this.client = newClient(limits);
    }
  }

  /**
   * A fetcher with its client started now (where start-up is the time to pay for it, as in a Lambda
   * function's init).
   */
  public static ApacheHttpFetcher create(FetchLimits limits, DestinationPolicy policy) {
    return new ApacheHttpFetcher(limits, policy, false);
  }

  /**
   * A fetcher whose client starts on the first fetch: a worker JVM that only computes never pays
   * for its reactor threads or TLS set-up.
   */
  public static ApacheHttpFetcher createOnFirstUse(FetchLimits limits, DestinationPolicy policy) {
    return new ApacheHttpFetcher(limits, policy, true);
  }

  private static MinimalHttpAsyncClient newClient(FetchLimits limits) {
    Timeout connect = Timeout.of(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    MinimalHttpAsyncClient built =
        HttpAsyncClients.createMinimal(
            HttpVersionPolicy.FORCE_HTTP_1,
            H2Config.DEFAULT,
            Http1Config.DEFAULT,
            IOReactorConfig.custom().setSoKeepAlive(true).setTcpNoDelay(true).build(),
            PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(new TlsOnFirstUse())
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(connect)
                        .build())
                .build());
    built.start();
    return built;
  }

  private MinimalHttpAsyncClient client() {
    MinimalHttpAsyncClient built = client;
    if (built == null && lazy) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = newClient(limits);
          client = built;
        }
      }
    }
    return built;
  }

  @Override
  public Fetched get(URI uri) {
    try {
      return getAsync(uri, Runnable::run).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof FetchException fetch
          ? fetch
          : new FetchException("GET " + uri + " failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    // The exchange under way, so that a timeout aborts it rather than leave it to run on.
    AtomicReference<Future<?>> exchange = new AtomicReference<>();
    CompletableFuture<Fetched> fetch = new CompletableFuture<>();
    try {
      follow(uri, limits.maxRedirects(), deadline, exchange, fetch);
    } catch (RuntimeException e) {
      fetch.completeExceptionally(e);
    }
    return fetch
        .orTimeout(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync(
            (fetched, error) -> {
              if (error != null) {
                Future<?> pending = exchange.get();
                if (pending != null) {
                  pending.cancel(true);
                }
                throw explain(uri, error);
              }
              return fetched;
            },
            executor);
  }

  /** Sends one hop; its answer completes {@code fetch}, or sends the next hop of a redirect. */
  private void follow(
      URI uri,
      int redirectsLeft,
      long deadline,
      AtomicReference<Future<?>> exchange,
      CompletableFuture<Fetched> fetch) {
    checkScheme(uri);
    policy.check(uri);
    long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    HttpClientContext context = HttpClientContext.create();
    context.setRequestConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(leftMillis))
            .setConnectionRequestTimeout(Timeout.ofMilliseconds(leftMillis))
            .build());
    BasicHttpRequest request = new BasicHttpRequest(Method.GET, uri);
    request.setHeader(HttpHeaders.USER_AGENT, USER_AGENT);
    exchange.set(
        client()
            .execute(
                new BasicRequestProducer(request, null),
                new CappedBody(limits.maxBytes(), uri),
                context,
                new FutureCallback<Hop>() {
                  @Override
                  public void completed(Hop answer) {
                    try {
                      next(answer, redirectsLeft, deadline, exchange, fetch);
                    } catch (RuntimeException e) {
                      fetch.completeExceptionally(e);
                    }
                  }

                  @Override
                  public void failed(Exception error) {
                    fetch.completeExceptionally(error);
                  }

                  @Override
                  public void cancelled() {
                    fetch.cancel(false);
                  }
                }));
  }

  private void next(
      Hop answer,
      int redirectsLeft,
      long deadline,
      AtomicReference<Future<?>> exchange,
      CompletableFuture<Fetched> fetch) {
    int status = answer.status();
    URI uri = answer.uri();
    String location = answer.location();
    if (isRedirect(status) && location != null) {
      if (redirectsLeft == 0) {
        throw new FetchException(
            "GET " + uri + ": more than " + limits.maxRedirects() + " redirects");
      }
      follow(uri.resolve(location), redirectsLeft - 1, deadline, exchange, fetch);
      return;
    }
    if (status < 200 || status > 299) {
      throw new FetchException("GET " + uri + " answered HTTP " + status);
    }
    fetch.complete(new Fetched(uri, status, answer.contentType(), answer.body()));
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static void checkScheme(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          "refused " + uri + ": only http and https URLs can be fetched, not '" + scheme + "'");
    }
    if (uri.getHost() == null) {
      throw new FetchException("refused " + uri + ": the URL has no host");
    }
  }

  private FetchException explain(URI uri, Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return switch (cause) {
      case FetchException fetch -> fetch;
      case TimeoutException timeout ->
          new FetchException("GET " + uri + " timed out after " + limits.timeout(), timeout);
      case SocketTimeoutException timeout ->
          new FetchException("GET " + uri + " timed out after " + limits.timeout(), timeout);
      case ConnectException refused ->
          new FetchException("GET " + uri + ": cannot connect (" + refused + ")", refused);
      case IOException io -> new FetchException("GET " + uri + " failed: " + io, io);
      default -> new FetchException("GET " + uri + " failed: " + cause, cause);
    };
  }

  @Override
  public void close() {
    MinimalHttpAsyncClient built = client;
    if (built != null) {
      built.close(CloseMode.GRACEFUL);
    }
  }

  /**
   * The default TLS set-up (the JVM's trust store, loaded in 200-300 ms) made on the first https
   * connection: fetches of plain http, as every local run's are, never pay for it.
   */
  private static final class TlsOnFirstUse implements TlsStrategy {
    private volatile TlsStrategy tls;

    private TlsStrategy tls() {
      TlsStrategy built = tls;
      if (built == null) {
        synchronized (this) {
          built = tls;
          if (built == null) {
            built = ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync();
            tls = built;
          }
        }
      }
      return built;
    }

    @Override
    public void upgrade(
        TransportSecurityLayer session,
        NamedEndpoint endpoint,
        Object attachment,
        Timeout handshakeTimeout,
        FutureCallback<TransportSecurityLayer> callback) {
      tls().upgrade(session, endpoint, attachment, handshakeTimeout, callback);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean upgrade(
        TransportSecurityLayer session,
        HttpHost host,
        SocketAddress localAddress,
        SocketAddress remoteAddress,
        Object attachment,
        Timeout handshakeTimeout) {
      return tls()
          .upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }
  }

  /** One hop's answer: a body, or where a redirect points. */
  private record Hop(URI uri, int status, String contentType, String location, byte[] body) {}

  /**
   * Collects a body, refusing it from its Content-Length, or as soon as it grows past the cap. The
   * Content-Type is kept as sent, never parsed: a charset the JVM does not know is no failure.
   */
  private static final class CappedBody implements AsyncResponseConsumer<Hop> {
    private final long maxBytes;
    private final URI uri;
    private int status;
    private String contentType = "";
    private String location;
    // Sized from the Content-Length when there is one, so that a body is copied once.
    private byte[] body = new byte[0];
    private int size;
    private FutureCallback<Hop> done;

    CappedBody(long maxBytes, URI uri) {
      this.maxBytes = maxBytes;
      this.uri = uri;
    }

    @Override
    public void consumeResponse(
        HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<Hop> done)
        throws HttpException {
      status = response.getCode();
      Header typeHeader = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
      contentType = typeHeader == null ? "" : typeHeader.getValue();
      Header locationHeader = response.getFirstHeader(HttpHeaders.LOCATION);
      location = locationHeader == null ? null : locationHeader.getValue();
      if (entity == null) {
        done.completed(hop());
        return;
      }
      long declared = entity.getContentLength();
      if (declared > maxBytes) {
        throw tooLarge(declared);
      }
      if (declared > 0) {
        body = new byte[(int) declared];
      }
      this.done = done;
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {}

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
      channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer data) {
      int chunk = data.remaining();
      if (size + (long) chunk > maxBytes) {
        throw tooLarge(size + (long) chunk);
      }
      if (size + chunk > body.length) {
        body =
            Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(size + chunk, 2L * body.length)));
      }
      data.get(body, size, chunk);
      size += chunk;
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
      done.completed(hop());
    }

    @Override
    public void failed(Exception cause) {
      if (done != null) {
        done.failed(cause);
      }
    }

    @Override
    public void releaseResources() {}

    private Hop hop() {
      return new Hop(
          uri,
          status,
          contentType,
          location,
          size == body.length ? body : Arrays.copyOf(body, size));
    }

    private FetchException tooLarge(long size) {
      return new FetchException(
          "GET "
              + uri
              + ": body of at least "
              + size
              + " bytes is over the limit of "
              + maxBytes
              + " bytes");
    }
  }
}

package dev.fanout.units.http;

import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.units.FetchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
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
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
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
  private volatile MinimalHttpAsyncClient client; // null until the first fetch, when lazy

  private ApacheHttpFetcher(FetchLimits limits, DestinationPolicy policy, boolean lazy) {
    this.limits = limits;
    this.policy = policy;
    this.client = lazy ? null : newClient(limits);
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
    if (built == null) {
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
                new FutureCallback<CappedBody.Hop>() {
                  @Override
                  public void completed(CappedBody.Hop answer) {
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
      CappedBody.Hop answer,
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
}

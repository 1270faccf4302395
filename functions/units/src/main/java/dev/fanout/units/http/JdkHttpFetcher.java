package dev.fanout.units.http;

import dev.fanout.units.FetchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@link HttpFetcher} over one shared JDK {@link HttpClient}. Redirects are followed here, not by
 * the client, so that the destination policy sees every hop.
 */
public final class JdkHttpFetcher implements HttpFetcher, AutoCloseable {
  private static final String USER_AGENT = "fanout/0.1 (+concurrency lab)";

  private final Supplier<HttpClient> factory;
  private final FetchLimits limits;
  private final DestinationPolicy policy;
  private volatile HttpClient client;

  public JdkHttpFetcher(HttpClient client, FetchLimits limits, DestinationPolicy policy) {
    this(() -> client, limits, policy);
    this.client = client;
  }

  private JdkHttpFetcher(
      Supplier<HttpClient> factory, FetchLimits limits, DestinationPolicy policy) {
    this.factory = factory;
    this.limits = limits;
    this.policy = policy;
  }

  /**
   * A fetcher with its own client, built now (where start-up is the time to pay for it, as in a
   * Lambda function's init); HTTP/1.1, as the articles' clients speak.
   */
  public static JdkHttpFetcher create(FetchLimits limits, DestinationPolicy policy) {
    return new JdkHttpFetcher(newClient(limits), limits, policy);
  }

  /**
   * A fetcher whose client is built on the first fetch. Building one costs 100-250 ms of start-up
   * (the default TLS context loads the trust store), which a worker JVM that only computes never
   * needs.
   */
  public static JdkHttpFetcher createOnFirstUse(FetchLimits limits, DestinationPolicy policy) {
    return new JdkHttpFetcher(() -> newClient(limits), limits, policy);
  }

  private static HttpClient newClient(FetchLimits limits) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(limits.timeout())
        .build();
  }

  private HttpClient client() {
    HttpClient built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = factory.get();
          client = built;
        }
      }
    }
    return built;
  }

  @Override
  public Fetched get(URI uri) {
    try {
      return getAsync(uri, Runnable::run).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("GET " + uri + " was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof FetchException fetch
          ? fetch
          : new FetchException("GET " + uri + " failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    // The exchange under way, so that a timeout aborts it rather than leave it to run on.
    AtomicReference<CompletableFuture<?>> exchange = new AtomicReference<>();
    CompletableFuture<Fetched> fetch;
    try {
      fetch = follow(uri, limits.maxRedirects(), deadline, executor, exchange);
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    return fetch
        .orTimeout(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync(
            (fetched, error) -> {
              if (error != null) {
                CompletableFuture<?> pending = exchange.get();
                if (pending != null) {
                  pending.cancel(true);
                }
                throw explain(uri, error);
              }
              return fetched;
            },
            executor);
  }

  private CompletableFuture<Fetched> follow(
      URI uri,
      int redirectsLeft,
      long deadline,
      Executor executor,
      AtomicReference<CompletableFuture<?>> exchange) {
    checkScheme(uri);
    policy.check(uri);
    Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    HttpRequest request =
        HttpRequest.newBuilder(uri).GET().timeout(left).header("User-Agent", USER_AGENT).build();
    CompletableFuture<HttpResponse<byte[]>> sent =
        client().sendAsync(request, info -> new CappedBody(limits.maxBytes(), uri, info));
    exchange.set(sent);
    return sent.thenComposeAsync(
        response -> {
          int status = response.statusCode();
          Optional<String> location = response.headers().firstValue("Location");
          if (isRedirect(status) && location.isPresent()) {
            if (redirectsLeft == 0) {
              throw new FetchException(
                  "GET " + uri + ": more than " + limits.maxRedirects() + " redirects");
            }
            return follow(
                uri.resolve(location.get()), redirectsLeft - 1, deadline, executor, exchange);
          }
          if (status < 200 || status > 299) {
            throw new FetchException("GET " + uri + " answered HTTP " + status);
          }
          String type = response.headers().firstValue("Content-Type").orElse("");
          return CompletableFuture.completedFuture(new Fetched(uri, status, type, response.body()));
        },
        executor);
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
      case HttpTimeoutException timeout ->
          new FetchException("GET " + uri + " timed out after " + limits.timeout(), timeout);
      case TimeoutException timeout ->
          new FetchException("GET " + uri + " timed out after " + limits.timeout(), timeout);
      case ConnectException refused ->
          new FetchException("GET " + uri + ": cannot connect (" + refused + ")", refused);
      case IOException io -> new FetchException("GET " + uri + " failed: " + io, io);
      default -> new FetchException("GET " + uri + " failed: " + cause, cause);
    };
  }

  @Override
  public void close() {
    HttpClient built = client;
    if (built != null) {
      built.close();
    }
  }

  /** Collects a body, refusing it as soon as it grows past the cap. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final URI uri;
    private final long declaredLength;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(long maxBytes, URI uri, HttpResponse.ResponseInfo info) {
      this.maxBytes = maxBytes;
      this.uri = uri;
      this.declaredLength = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (declaredLength > maxBytes) {
        subscription.cancel();
        body.completeExceptionally(tooLarge(declaredLength));
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (buffer.size() + (long) item.remaining() > maxBytes) {
          subscription.cancel();
          body.completeExceptionally(tooLarge(buffer.size() + (long) item.remaining()));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(buffer.toByteArray());
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

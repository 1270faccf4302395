package dev.fanout.cloud;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaServiceClientConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invokes functions through the AWS SDK's async Lambda client, with as many connections as
 * invocations in flight. Throttles (429) are retried here, not by the SDK, with jittered
 * exponential backoff up to a deadline, so that each one is counted.
 */
public final class LambdaInvoker implements AutoCloseable {
  private static final long FIRST_BACKOFF_MILLIS = 20;
  private static final long MAX_BACKOFF_MILLIS = 1_000;

  private final LambdaAsyncClient client;
  private final EventLoopGroup eventLoops;
  private final Executor callbacks;
  private final Duration throttleDeadline;
  private final LongSupplier nanoTime;
  private final AdaptiveLimit limit;

  LambdaInvoker(
      LambdaAsyncClient client,
      EventLoopGroup eventLoops,
      int maxInFlight,
      Executor callbacks,
      Duration throttleDeadline,
      LongSupplier nanos) {
    this.client = client;
    this.limit = new AdaptiveLimit(Math.max(1, maxInFlight));
    this.eventLoops = eventLoops;
    this.callbacks = callbacks;
    this.throttleDeadline = throttleDeadline;
    this.nanoTime = nanos;
  }

  /**
   * @param maxInFlight the most invocations at once: the client keeps as many connections (the
   *     SDK's default of 50 would cap a wider fan-out); fewer while throttles say the functions
   *     have less room (see {@link AdaptiveLimit})
   * @param callbacks where completions run: the caller's own threads, not the SDK's
   * @param nanoTime the clock that times attempts and the throttle deadline
   */
  public static LambdaInvoker create(
      LambdaTarget target,
      int maxInFlight,
      Executor callbacks,
      Duration throttleDeadline,
      LongSupplier nanoTime) {
    // The client's own event loops would, at close, wait out Netty's 2 s quiet period: a lunch or
    // a comparison closes one per run. These are shut down at once when the invoker closes.
    EventLoopGroup eventLoops =
        new NioEventLoopGroup(
            2 * Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().name("lambda-client-", 1).daemon(true).factory());
    LambdaAsyncClient client =
        target
            .aws()
            .configure(LambdaAsyncClient.builder())
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(SdkEventLoopGroup.create(eventLoops))
                    .maxConcurrency(Math.max(1, maxInFlight))
                    .maxPendingConnectionAcquires(Math.max(10_000, maxInFlight * 4))
                    .connectionAcquisitionTimeout(Duration.ofMinutes(5))
                    .readTimeout(Duration.ofMinutes(16)))
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    return new LambdaInvoker(
        client, eventLoops, maxInFlight, callbacks, throttleDeadline, nanoTime);
  }

  /** Where the client goes and how it signs, for checks that invoke nothing. */
  LambdaServiceClientConfiguration clientConfiguration() {
    return client.serviceClientConfiguration();
  }

  /**
   * Invokes {@code function} with {@code payload}, retrying throttles. The future completes on the
   * callbacks executor; it fails only when the invocation could not be made at all (not for a
   * function error, which is an answer).
   *
   * @param throttles counts every throttled attempt
   */
  public CompletableFuture<Invocation> invoke(
      String function, String payload, AtomicInteger throttles) {
    InvokeRequest request =
        InvokeRequest.builder()
            .functionName(function)
            .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8))
            .logType(LogType.TAIL)
            .build();
    long giveUpAt = nanoTime.getAsLong() + throttleDeadline.toNanos();
    return attempt(request, 1, giveUpAt, throttles);
  }

  private CompletableFuture<Invocation> attempt(
      InvokeRequest request, int attempt, long giveUpAt, AtomicInteger throttles) {
    return limit
        .acquire()
        .thenComposeAsync(permit -> send(request, attempt, giveUpAt, throttles), callbacks);
  }

  private CompletableFuture<Invocation> send(
      InvokeRequest request, int attempt, long giveUpAt, AtomicInteger throttles) {
    long sentAt = nanoTime.getAsLong();
    return client
        .invoke(request)
        .handleAsync(
            (response, error) -> {
              Throwable cause =
                  error instanceof CompletionException wrapped ? wrapped.getCause() : error;
              if (cause instanceof TooManyRequestsException) {
                limit.throttled();
              } else {
                limit.answered();
              }
              if (error == null) {
                return CompletableFuture.completedFuture(invocation(response, attempt, sentAt));
              }
              if (cause instanceof TooManyRequestsException) {
                throttles.incrementAndGet();
                long backoff = backoffMillis(attempt);
                if (nanoTime.getAsLong() + backoff * 1_000_000 < giveUpAt) {
                  Executor later =
                      CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS, callbacks);
                  return CompletableFuture.supplyAsync(() -> request, later)
                      .thenComposeAsync(
                          same -> attempt(same, attempt + 1, giveUpAt, throttles), callbacks);
                }
                return CompletableFuture.<Invocation>failedFuture(
                    new ThrottledException(
                        request.functionName()
                            + " was still throttled after "
                            + attempt
                            + " attempts over "
                            + throttleDeadline.toSeconds()
                            + " s: raise its concurrency limit or lower --workers",
                        cause));
              }
              return CompletableFuture.<Invocation>failedFuture(cause);
            },
            callbacks)
        .thenComposeAsync(next -> next, callbacks);
  }

  /** Full jitter: a random wait up to an exponentially growing cap. */
  private static long backoffMillis(int attempt) {
    long cap = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 10));
    return ThreadLocalRandom.current().nextLong(FIRST_BACKOFF_MILLIS, cap + 1);
  }

  private static Invocation invocation(InvokeResponse response, int attempts, long sentAt) {
    String log =
        response.logResult() == null
            ? null
            : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    return new Invocation(
        response.responseMetadata().requestId(),
        response.payload() == null ? "" : response.payload().asUtf8String(),
        response.functionError(),
        ReportLine.find(log).orElse(null),
        attempts,
        sentAt);
  }

  @Override
  public void close() {
    client.close();
    // Nothing is in flight any more: no quiet period to wait for.
    eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2_000);
  }

  /** Throttled until the deadline: the invocation never ran. */
  public static final class ThrottledException extends RuntimeException {
    ThrottledException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

package dev.fanout.localcloud.lambda;

import static dev.fanout.localcloud.lambda.LambdaTestClients.invoke;
import static dev.fanout.localcloud.lambda.LambdaTestClients.reportLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Warm reuse, cold starts, instances in parallel, throttling at reserved concurrency, and idle
 * instances stopped: what a fan-out over Lambda meets, with the real function.zip.
 */
class LocalLambdaConcurrencyIT {
  private static LocalLambdaService service;
  private static LambdaClient lambda;
  private static LambdaAsyncClient async;

  @BeforeAll
  static void start() {
    LambdaTestClients.assumeFunctionZipBuilt();
    service =
        LocalLambdaService.start(
            LambdaTestClients.options()
                .idleTimeout(Duration.ofSeconds(3))
                .maxInstancesPerFunction(4)
                .reservedConcurrency("PowerloopFunction", 1)
                .build());
    lambda = LambdaTestClients.client(service.endpoint());
    async = LambdaTestClients.asyncClient(service.endpoint(), 16);
  }

  @AfterAll
  static void stop() {
    if (async != null) {
      async.close();
    }
    if (lambda != null) {
      lambda.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void secondInvocation_runsOnTheWarmInstance_withoutInitDuration() {
    InvokeResponse first = invoke(lambda, "SumsqFunction", "{\"n\":10}");
    InvokeResponse second = invoke(lambda, "SumsqFunction", "{\"n\":10}");

    assertThat(reportLine(first))
        .hasValueSatisfying(r -> assertThat(r).contains("Init Duration: "));
    assertThat(reportLine(second)).hasValueSatisfying(r -> assertThat(r).doesNotContain("Init"));
    assertThat(service.instanceCounts()).containsEntry("SumsqFunction", 1);
  }

  @Test
  void concurrentInvocations_runOnAsManyInstancesAtOnce() {
    List<InvokeResponse> cold = naps(4, 500);

    // Four invocations at once on a function with no instance: four cold instances.
    assertThat(cold).allSatisfy(r -> assertThat(r.functionError()).isNull());
    assertThat(cold)
        .allSatisfy(
            r ->
                assertThat(reportLine(r))
                    .hasValueSatisfying(l -> assertThat(l).contains("Init Duration")));
    assertThat(service.instanceCounts()).containsEntry("NapFunction", 4);

    // Again, warm: the four naps overlap on the four instances.
    long start = System.nanoTime();
    List<InvokeResponse> warm = naps(4, 500);
    long wallMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(warm)
        .allSatisfy(
            r ->
                assertThat(reportLine(r))
                    .hasValueSatisfying(l -> assertThat(l).doesNotContain("Init")));
    assertThat(service.instanceCounts()).containsEntry("NapFunction", 4);
    assertThat(wallMillis).isLessThan(4 * 500);
  }

  @Test
  void reservedConcurrency_throttlesTheRestWithTooManyRequests() {
    List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(async.invoke(LambdaTestClients.request("PowerloopFunction", "{\"start\":1}")));
    }
    int ok = 0;
    List<TooManyRequestsException> throttled = new ArrayList<>();
    for (CompletableFuture<InvokeResponse> call : calls) {
      try {
        call.join();
        ok++;
      } catch (CompletionException e) {
        assertThat(e.getCause()).isInstanceOf(TooManyRequestsException.class);
        throttled.add((TooManyRequestsException) e.getCause());
      }
    }

    assertThat(ok).isPositive();
    assertThat(throttled).isNotEmpty();
    assertThat(throttled)
        .allSatisfy(
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.reasonAsString())
                  .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
            });
    assertThat(service.instanceCounts().get("PowerloopFunction")).isEqualTo(1);
  }

  @Test
  void idleInstances_stopAfterTheIdleTimeout_andTheNextCallIsACold() throws InterruptedException {
    invoke(lambda, "FibFunction", "{\"n\":5}");
    assertThat(service.instanceCounts()).containsEntry("FibFunction", 1);

    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (service.instanceCounts().get("FibFunction") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }

    assertThat(service.instanceCounts()).containsEntry("FibFunction", 0);
    InvokeResponse next = invoke(lambda, "FibFunction", "{\"n\":5}");
    assertThat(next.functionError()).isNull();
    assertThat(reportLine(next)).hasValueSatisfying(r -> assertThat(r).contains("Init Duration"));
  }

  private static List<InvokeResponse> naps(int count, int millis) {
    List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(
          async.invoke(LambdaTestClients.request("NapFunction", "{\"millis\":" + millis + "}")));
    }
    return calls.stream().map(CompletableFuture::join).toList();
  }
}

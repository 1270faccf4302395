package dev.fanout.cloud;

import com.sun.management.OperatingSystemMXBean;
import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpResponse;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lambda strategy's own pace: its invoker (the AWS SDK's async Lambda client on Netty, with the
 * strategy's settings) against a stub Invoke API on 127.0.0.1 that answers every invocation at once
 * with an empty result and a REPORT line, so that nothing but the invoker and the loopback limits
 * the rate. Prints invocations per second and the whole JVM's CPU per invocation (the stub's share
 * included, about a tenth of it) at a few widths in flight. {@code scripts/bench invoker} runs it.
 *
 * <pre>
 * java -cp ... dev.fanout.cloud.InvokerBench [invocations per round] [rounds]
 * </pre>
 */
public final class InvokerBench {
  private static final String LOG =
      Base64.getEncoder()
          .encodeToString(
              ("START RequestId: stub Version: $LATEST\nEND RequestId: stub\nREPORT RequestId:"
                      + " stub\tDuration: 0.50 ms\tBilled Duration: 1 ms\tMemory Size: 1024 MB\t"
                      + "Max Memory Used: 80 MB\t\n")
                  .getBytes(StandardCharsets.UTF_8));

  private InvokerBench() {}

  public static void main(String[] args) throws Exception {
    int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong answered = new AtomicLong();
    try (HttpLoop loop = HttpLoop.start("stub-invoke-api", 1 << 20)) {
      HttpLoop.Listener api =
          loop.listen(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              exchange -> {
                answered.incrementAndGet();
                exchange.respond(
                    HttpResponse.json(200, "{}")
                        .withHeader("X-Amz-Executed-Version", "$LATEST")
                        .withHeader("X-Amz-Log-Result", LOG)
                        .withHeader("x-amzn-RequestId", "stub"));
              });
      LambdaTarget target =
          new LambdaTarget(
              URI.create("http://127.0.0.1:" + api.port()),
              "us-east-1",
              "a stub that answers at once",
              false);
      System.out.printf(
          Locale.ROOT,
          "the invoker against a stub Invoke API on 127.0.0.1: %,d invocations a round, %d rounds"
              + " after one untimed; %d cores, Java %s%n",
          invocations,
          rounds,
          Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      System.out.printf(
          Locale.ROOT,
          "%10s %26s %22s%n",
          "in flight",
          "invocations/s [min..max]",
          "CPU/invocation");
      for (int width : List.of(8, 64, 256)) {
        List<Double> rates = new ArrayList<>();
        double cpuMicros = 0;
        for (int round = 0; round <= rounds; round++) {
          long cpuBefore = os.getProcessCpuTime();
          long start = System.nanoTime();
          round(target, width, invocations);
          double seconds = (System.nanoTime() - start) / 1e9;
          if (round > 0) {
            rates.add(invocations / seconds);
            cpuMicros += (os.getProcessCpuTime() - cpuBefore) / 1e3 / invocations;
          }
        }
        Collections.sort(rates);
        System.out.printf(
            Locale.ROOT,
            "%10d %12.0f [%.0f..%.0f] %19.0f us%n",
            width,
            rates.get(rates.size() / 2),
            rates.getFirst(),
            rates.getLast(),
            cpuMicros / rounds);
      }
      api.close();
    }
    if (answered.get() == 0) {
      throw new IllegalStateException("the stub answered nothing");
    }
  }

  /** {@code count} invocations, at most {@code width} in flight, as the lambda strategy sends. */
  private static void round(LambdaTarget target, int width, int count) {
    Semaphore inFlight = new Semaphore(width);
    AtomicInteger throttles = new AtomicInteger();
    List<CompletableFuture<Invocation>> all = new ArrayList<>(count);
    try (ExecutorService callbacks =
            Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "lambda-callbacks"));
        LambdaInvoker invoker =
            LambdaInvoker.create(
                target, width, callbacks, Duration.ofSeconds(30), System::nanoTime)) {
      for (int i = 0; i < count; i++) {
        inFlight.acquireUninterruptibly();
        all.add(
            invoker
                .invoke("NapFunction", "{\"millis\": 0}", throttles)
                .whenComplete((invocation, error) -> inFlight.release()));
      }
      for (CompletableFuture<Invocation> invocation : all) {
        if (invocation.join().report() == null) {
          throw new IllegalStateException("an answer came back without its REPORT line");
        }
      }
    }
  }
}

package dev.fanout.localcloud.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Figures for the local Lambda service with the real function.zip: cold start of an instance, the
 * overhead of a warm invocation above the handler's own duration, and the rate a warm endpoint
 * answers at. Each part runs {@code rounds} times, each round on a fresh service, and prints every
 * figure with the machine's load average.
 *
 * <p>{@code scripts/bench lambda} runs it; by hand, after the function.zip build, from the
 * repository root:
 *
 * <pre>
 * ./mvnw -q -B -pl localcloud/lambda -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp localcloud/lambda/target/test-classes:localcloud/lambda/target/classes:$(cat \
 *     localcloud/lambda/target/test-classpath.txt) dev.fanout.localcloud.lambda.LocalLambdaBench \
 *     [rounds=3] [warm=200] [inflight=64] [instances=64] [invocations=20000]
 * </pre>
 */
public final class LocalLambdaBench {
  private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
  private static final Pattern INIT = Pattern.compile("\\tInit Duration: ([0-9.]+) ms");
  private static final String SUMSQ = "{\"n\":1}";

  private LocalLambdaBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>();
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      options.put(pair[0], pair.length > 1 ? pair[1] : "");
    }
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int warm = Integer.parseInt(options.getOrDefault("warm", "200"));
    int inflight = Integer.parseInt(options.getOrDefault("inflight", "64"));
    int instances = Integer.parseInt(options.getOrDefault("instances", "64"));
    int invocations = Integer.parseInt(options.getOrDefault("invocations", "20000"));
    System.out.printf(
        Locale.ROOT,
        "local Lambda service bench: %d cores, Java %s, load %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        load());
    for (int round = 1; round <= rounds; round++) {
      System.out.printf(Locale.ROOT, "%n--- round %d (load %s) ---%n", round, load());
      coldStarts();
      warmOverhead(warm);
      int cap = LocalLambdaOptions.defaultMaxInstances();
      issueRate(cap, cap, invocations); // as many in flight as instances: no throttling
      issueRate(cap, inflight, invocations); // more in flight than the cap: 429s answered at once
      issueRate(instances, inflight, invocations); // an instance for each call in flight
    }
  }

  /** Three functions invoked once each on a fresh service: each is a cold start. */
  private static void coldStarts() {
    try (LocalLambdaService service = LocalLambdaService.start(options(8).build());
        LambdaClient lambda = LambdaTestClients.client(service.endpoint())) {
      List<String> figures = new ArrayList<>();
      for (String function : List.of("SumsqFunction", "FibFunction", "NapFunction")) {
        String payload = function.equals("NapFunction") ? "{\"millis\":1}" : SUMSQ;
        long start = System.nanoTime();
        InvokeResponse response = LambdaTestClients.invoke(lambda, function, payload);
        double client = (System.nanoTime() - start) / 1e6;
        String report = LambdaTestClients.reportLine(response).orElse("");
        figures.add(
            String.format(
                Locale.ROOT,
                "%s init %.0f ms (first answer %.0f ms)",
                function,
                number(INIT, report),
                client));
      }
      System.out.println("cold start: " + String.join("; ", figures));
    }
  }

  /**
   * 200 sequential warm invocations of sumsq n=1, each with the tail log: the client's latency less
   * the REPORT Duration, through the SDK and through a bare keep-alive socket.
   */
  private static void warmOverhead(int count) throws IOException {
    try (LocalLambdaService service = LocalLambdaService.start(options(8).build());
        LambdaClient lambda = LambdaTestClients.client(service.endpoint())) {
      for (int i = 0; i < 2_000; i++) { // cold start, then JIT warm-up of both sides
        LambdaTestClients.invoke(lambda, "SumsqFunction", SUMSQ);
      }
      double[] sdkOverhead = new double[count];
      double[] sdkLatency = new double[count];
      double[] duration = new double[count];
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        InvokeResponse response = LambdaTestClients.invoke(lambda, "SumsqFunction", SUMSQ);
        sdkLatency[i] = (System.nanoTime() - start) / 1e6;
        duration[i] = LambdaTestClients.reportedMillis(response);
        sdkOverhead[i] = sdkLatency[i] - duration[i];
      }
      double[] rawOverhead = new double[count];
      try (RawClient raw = new RawClient(service.endpoint())) {
        for (int i = 0; i < 2_000; i++) {
          raw.invoke("SumsqFunction", SUMSQ);
        }
        for (int i = 0; i < count; i++) {
          long start = System.nanoTime();
          String log = raw.invoke("SumsqFunction", SUMSQ);
          rawOverhead[i] = (System.nanoTime() - start) / 1e6 - number(DURATION, log);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "warm, %d sequential: SDK latency p50 %.2f ms, REPORT Duration p50 %.2f ms;"
              + " overhead p50 %.2f / p90 %.2f / p99 %.2f ms (SDK client),"
              + " p50 %.2f / p90 %.2f / p99 %.2f ms (bare socket client); instances %s%n",
          count,
          percentile(sdkLatency, 50),
          percentile(duration, 50),
          percentile(sdkOverhead, 50),
          percentile(sdkOverhead, 90),
          percentile(sdkOverhead, 99),
          percentile(rawOverhead, 50),
          percentile(rawOverhead, 90),
          percentile(rawOverhead, 99),
          service.instanceCounts().get("SumsqFunction"));
    }
  }

  /**
   * {@code invocations} of sumsq n=1 with {@code inflight} at once through LambdaAsyncClient, on a
   * function allowed {@code instances} instances, all started and warm before the clock starts.
   */
  private static void issueRate(int instances, int inflight, int invocations) throws Exception {
    try (LocalLambdaService service =
            LocalLambdaService.start(
                options(instances)
                    .idleTimeout(Duration.ofMinutes(10))
                    // Time for dozens of JVMs to start at once: init may take 10 s + Timeout.
                    .parameter("Timeout", "300")
                    .build());
        LambdaAsyncClient async = LambdaTestClients.asyncClient(service.endpoint(), inflight)) {
      long warmStart = System.nanoTime();
      // As many invocations at once as there may be instances: one cold start each.
      List<CompletableFuture<InvokeResponse>> starting = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        starting.add(async.invoke(LambdaTestClients.request("SumsqFunction", "{\"n\":300000}")));
      }
      CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
      double startSeconds = (System.nanoTime() - warmStart) / 1e9;
      run(async, invocations, inflight); // JIT warm-up of client, service and instances: untimed
      long start = System.nanoTime();
      int[] outcome = run(async, invocations, inflight);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "rate, %d in flight, %d instances (started in %.1f s): %d invocations in %.2f s ="
              + " %.0f answers/s; %d ok (%.0f/s), %d throttled (429), %d other errors;"
              + " load %s%n",
          inflight,
          service.instanceCounts().get("SumsqFunction"),
          startSeconds,
          invocations,
          seconds,
          invocations / seconds,
          outcome[0],
          outcome[0] / seconds,
          outcome[1],
          outcome[2],
          load());
    }
  }

  /** Runs {@code count} invocations, {@code inflight} at a time: {ok, throttled, other}. */
  private static int[] run(LambdaAsyncClient async, int count, int inflight)
      throws InterruptedException {
    Semaphore slots = new Semaphore(inflight);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger throttled = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      async
          .invoke(
              b ->
                  b.functionName("SumsqFunction")
                      .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String(SUMSQ)))
          .whenCompleteAsync(
              (response, error) -> {
                if (error == null && response.functionError() == null) {
                  ok.incrementAndGet();
                } else if (error != null && error.getCause() instanceof TooManyRequestsException) {
                  throttled.incrementAndGet();
                } else {
                  other.incrementAndGet();
                }
                slots.release();
              },
              Runnable::run);
    }
    slots.acquire(inflight);
    return new int[] {ok.get(), throttled.get(), other.get()};
  }

  private static LocalLambdaOptions.Builder options(int instances) {
    return LambdaTestClients.options().maxInstancesPerFunction(instances);
  }

  private static double number(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private static double percentile(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** A bare HTTP/1.1 keep-alive client: the least a caller can add to a round trip. */
  private static final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawClient(URI endpoint) throws IOException {
      socket = new Socket(endpoint.getHost(), endpoint.getPort());
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    }

    /** Invokes with the tail log and returns the decoded log. */
    String invoke(String function, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /2015-03-31/functions/"
              + function
              + "/invocations HTTP/1.1\r\nHost: local\r\nX-Amz-Log-Type: Tail\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes(body);
      out.write(request.toByteArray());
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream(512);
      int last = 0;
      while (last != 0x0d0a0d0a) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed");
        }
        response.write(b);
        last = (last << 8) | b;
      }
      int length = 0;
      String log = "";
      for (String line : response.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        } else if (lower.startsWith("x-amz-log-result:")) {
          log =
              new String(
                  Base64.getDecoder().decode(line.substring(17).trim()), StandardCharsets.UTF_8);
        }
      }
      in.readNBytes(length);
      return log;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

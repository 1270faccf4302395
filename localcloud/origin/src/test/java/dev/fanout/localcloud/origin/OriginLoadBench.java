package dev.fanout.localcloud.origin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load check for the origin: N concurrent GETs of {@code /pages/dice} with a fixed latency, and how
 * much is added on top of that latency (p50, p99, max), both as the client sees it and as the
 * origin itself reports it in its {@code Server-Timing} header. Warm-up rounds come first: the JIT
 * keeps compiling for several thousand requests, and a round also reports the CPU it took.
 *
 * <p>{@code scripts/bench origin} runs it when wrk is missing; by hand, after {@code test-compile},
 * from the repository root:
 *
 * <pre>
 * java -cp localcloud/origin/target/classes:localcloud/origin/target/test-classes:\
 *     localcloud/http/target/classes:localcloud/http/target/test-classes \
 *     dev.fanout.localcloud.origin.OriginLoadBench [requests=2000] [latencyMs=100] [warmups=3] [rounds=3]
 *     [clients=20]
 * </pre>
 *
 * By default the origin and the client share this JVM, its CPU time and its garbage collector. To
 * keep them apart, start the origin alone with {@code serve port=18080} in one JVM and run the
 * client with {@code target=http://127.0.0.1:18080} in another (it then asks for the latency with
 * {@code ?delay=}). {@code scripts/bench origin} uses wrk instead when it is installed: the JDK's
 * HttpClient costs several times the origin's CPU per request.
 */
public final class OriginLoadBench {

  private OriginLoadBench() {}

  /** One request: time from just before sending to the body's last byte, and the origin's share. */
  private record Sample(long nanos, int status, int bytes, double originMillis) {}

  public static void main(String[] args) throws Exception {
    int requests = intArg(args, "requests", 2_000);
    Duration latency = Duration.ofMillis(intArg(args, "latencyMs", 100));
    int rounds = intArg(args, "rounds", 3);
    int clients = intArg(args, "clients", 20);
    int warmups = intArg(args, "warmups", 3);
    String target = stringArg(args, "target", null);
    OriginOptions options = OriginOptions.defaults().withLatency(latency);
    if (Arrays.asList(args).contains("serve")) {
      OriginServer origin = OriginServer.start(options.withPort(intArg(args, "port", 18080)));
      System.out.println("origin listening on " + origin.baseUri() + " (latency " + latency + ")");
      Thread.sleep(Long.MAX_VALUE);
    } else if (target != null) {
      URI uri = URI.create(target + "/pages/dice?delay=" + latency.toMillis() + "&jitter=0");
      run(uri, requests, latency, warmups, rounds, clients, "external origin");
    } else {
      try (OriginServer origin = OriginServer.start(options)) {
        run(
            origin.pageUri("dice"),
            requests,
            latency,
            warmups,
            rounds,
            clients,
            "origin in this JVM");
        System.out.printf(Locale.ROOT, "origin served %d requests%n", origin.requestsServed());
      }
    }
  }

  private static void run(
      URI uri,
      int requests,
      Duration latency,
      int warmups,
      int rounds,
      int clientCount,
      String where)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%s: %d concurrent GETs of %s, latency %d ms, %d HttpClients, %d cores, java %s%n",
        where,
        requests,
        uri,
        latency.toMillis(),
        clientCount,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    // Several clients: one JDK HttpClient serves all its connections from one selector thread, and
    // its connection pool's expiry list (a linked list) showed up among the hottest frames when a
    // single client held all 2,000 connections.
    try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<HttpClient> clients = new ArrayList<>();
      for (int i = 0; i < clientCount; i++) {
        clients.add(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(30))
                .build());
      }
      try {
        for (int warmup = 1; warmup <= warmups; warmup++) {
          Load before = Load.now();
          List<Sample> samples = round(clients, uri, requests);
          report("warm-up " + warmup, samples, latency, Load.now().since(before));
        }
        for (int round = 1; round <= rounds; round++) {
          Load before = Load.now();
          List<Sample> samples = round(clients, uri, requests);
          report("round " + round, samples, latency, Load.now().since(before));
        }
      } finally {
        clients.forEach(HttpClient::close);
      }
    }
  }

  /** Fires all requests at once, one virtual thread each, and collects their samples. */
  private static List<Sample> round(List<HttpClient> clients, URI uri, int requests)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Sample>> futures = new ArrayList<>(requests);
      for (int i = 0; i < requests; i++) {
        HttpClient client = clients.get(i % clients.size());
        futures.add(senders.submit(() -> send(client, request)));
      }
      List<Sample> samples = new ArrayList<>(requests);
      for (Future<Sample> future : futures) {
        samples.add(future.get());
      }
      return samples;
    }
  }

  private static Sample send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long nanos = System.nanoTime() - start;
    double origin =
        response
            .headers()
            .firstValue("server-timing")
            .map(timing -> Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4)))
            .orElse(Double.NaN);
    return new Sample(nanos, response.statusCode(), response.body().length, origin);
  }

  private static void report(String label, List<Sample> samples, Duration latency, Load load) {
    long failed = samples.stream().filter(s -> s.status() != 200 || s.bytes() == 0).count();
    double latencyMillis = latency.toNanos() / 1e6;
    double[] client =
        samples.stream().mapToDouble(s -> s.nanos() / 1e6 - latencyMillis).sorted().toArray();
    double[] origin =
        samples.stream().mapToDouble(s -> s.originMillis() - latencyMillis).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%-9s n=%d failed=%d | added ms as the client sees it: p50 %.2f p99 %.2f max %.2f"
            + " | in the origin (Server-Timing): p50 %.2f p99 %.2f max %.2f%n",
        label,
        samples.size(),
        failed,
        percentile(client, 50),
        percentile(client, 99),
        client[client.length - 1],
        percentile(origin, 50),
        percentile(origin, 99),
        origin[origin.length - 1]);
    if (load != null) {
      System.out.printf(
          Locale.ROOT,
          "         wall %.1f ms, this JVM's CPU %.0f ms (%.0f us a request),"
              + " other processes' CPU %s%n",
          load.wallNanos() / 1e6,
          load.cpuNanos() / 1e6,
          load.cpuNanos() / 1e3 / samples.size(),
          load.otherCpuMillis() < 0 ? "unknown" : load.otherCpuMillis() + " ms");
    }
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static int intArg(String[] args, String name, int fallback) {
    String value = stringArg(args, name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    return Arrays.stream(args)
        .filter(arg -> arg.startsWith(name + "="))
        .map(arg -> arg.substring(name.length() + 1))
        .reduce((first, last) -> last)
        .orElse(fallback);
  }

  /**
   * Wall time, this JVM's CPU time, and the whole machine's busy time, so that a round can say how
   * much CPU other processes took while it ran (the machine is shared; Linux only, else -1).
   */
  private record Load(long wallNanos, long cpuNanos, long machineBusyMillis) {

    static Load now() {
      var os = ManagementFactory.getOperatingSystemMXBean();
      long cpu =
          os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
      return new Load(System.nanoTime(), cpu, readMachineBusyMillis());
    }

    Load since(Load before) {
      return new Load(
          wallNanos - before.wallNanos,
          cpuNanos - before.cpuNanos,
          machineBusyMillis < 0 || before.machineBusyMillis < 0
              ? -1
              : machineBusyMillis - before.machineBusyMillis);
    }

    long otherCpuMillis() {
      return machineBusyMillis < 0 ? -1 : Math.max(0, machineBusyMillis - cpuNanos / 1_000_000);
    }

    /** Busy time of all CPUs from /proc/stat, assuming the usual 100 ticks a second. */
    private static long readMachineBusyMillis() {
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int field = 1; field < cpu.length && field <= 8; field++) {
          if (field != 4 && field != 5) { // idle and iowait
            busy += Long.parseLong(cpu[field]);
          }
        }
        return busy * 10;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
  }
}

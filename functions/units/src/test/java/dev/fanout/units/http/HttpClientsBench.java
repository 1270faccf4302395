package dev.fanout.units.http;

import com.sun.management.OperatingSystemMXBean;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Result;

/**
 * Which HTTP client the I/O units should use: the same burst of concurrent GETs of the articles'
 * pages (the download workload's) against the local origin at 100 ms latency, by the JDK's {@code
 * HttpClient}, by Apache HttpComponents 5's asynchronous client and by Jetty's, each from a fresh
 * client (its connections opened in the burst) and then from its warm pool. What decides is the CPU
 * each request costs: with hundreds in flight on two cores, the wall time past the latency is that
 * CPU. The fetcher the units use ({@link ApacheHttpFetcher}) is measured too, as the units call it.
 * Run by {@code scripts/bench http}; by hand after {@code test-compile}:
 *
 * <pre>
 * java -cp functions/units/target/test-classes:functions/units/target/classes:$(cat cp.txt) \
 *     dev.fanout.units.http.HttpClientsBench [rounds] [bursts...]
 * </pre>
 */
public final class HttpClientsBench {
  private static final Duration LATENCY = Duration.ofMillis(100);

  private HttpClientsBench() {}

  /** One client under test: GETs a page without blocking, answering the body's length. */
  private interface Client extends AutoCloseable {
    CompletableFuture<Integer> get(URI uri);
  }

  private enum Kind {
    JDK("JDK HttpClient") {
      @Override
      Client open() {
        java.net.http.HttpClient client =
            java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        return new Client() {
          @Override
          public CompletableFuture<Integer> get(URI uri) {
            return client
                .sendAsync(
                    java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> response.body().length);
          }

          @Override
          public void close() {
            client.close();
          }
        };
      }
    },
    APACHE("Apache HttpComponents 5 async (minimal)") {
      @Override
      Client open() {
        ApacheHttpFetcher fetcher =
            ApacheHttpFetcher.create(FetchLimits.defaults(), DestinationPolicy.anyHttp());
        return new Client() {
          @Override
          public CompletableFuture<Integer> get(URI uri) {
            return fetcher.getAsync(uri, Runnable::run).thenApply(f -> f.body().length);
          }

          @Override
          public void close() {
            fetcher.close();
          }
        };
      }
    },
    JETTY("Jetty 12 HttpClient") {
      @Override
      Client open() throws Exception {
        org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
        client.setMaxConnectionsPerDestination(ApacheHttpFetcher.MAX_CONNECTIONS);
        client.setMaxRequestsQueuedPerDestination(100_000);
        client.start();
        return new Client() {
          @Override
          public CompletableFuture<Integer> get(URI uri) {
            CompletableFuture<Integer> length = new CompletableFuture<>();
            client
                .newRequest(uri)
                .send(
                    new BufferingResponseListener(10 << 20) {
                      @Override
                      public void onComplete(Result result) {
                        if (result.isFailed()) {
                          length.completeExceptionally(result.getFailure());
                        } else {
                          length.complete(getContent().length);
                        }
                      }
                    });
            return length;
          }

          @Override
          public void close() throws Exception {
            client.stop();
          }
        };
      }
    };

    final String label;

    Kind(String label) {
      this.label = label;
    }

    abstract Client open() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Integer> bursts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      bursts.add(Integer.parseInt(args[i]));
    }
    if (bursts.isEmpty()) {
      bursts = List.of(160, 1000);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (OriginServer origin =
        OriginServer.start(OriginOptions.defaults().withPort(0).withLatency(LATENCY))) {
      List<URI> pages = OriginServer.pageNames().stream().map(origin::pageUri).toList();
      System.out.printf(
          Locale.ROOT,
          "bursts of %s concurrent GETs of the articles' pages, origin latency %d ms, %d rounds"
              + " each; %d cores, Java %s%n",
          bursts,
          LATENCY.toMillis(),
          rounds,
          Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      System.out.printf(
          Locale.ROOT,
          "%-42s %6s %22s %22s %12s%n",
          "client",
          "burst",
          "new connections (ms)",
          "warm pool (ms)",
          "CPU/request");
      // Every client once, untimed, so that none pays for this JVM's JIT warming shared code.
      for (Kind kind : Kind.values()) {
        try (Client client = kind.open()) {
          for (int i = 0; i < 3; i++) {
            burst(client, pages, 200);
          }
        }
      }
      for (int burst : bursts) {
        for (Kind kind : Kind.values()) {
          List<Double> fresh = new ArrayList<>();
          List<Double> warm = new ArrayList<>();
          long cpu = 0;
          long requests = 0;
          for (int round = 0; round < rounds; round++) {
            try (Client client = kind.open()) {
              fresh.add(burst(client, pages, burst));
              long before = os.getProcessCpuTime();
              for (int again = 0; again < 3; again++) {
                warm.add(burst(client, pages, burst));
              }
              cpu += os.getProcessCpuTime() - before;
              requests += 3L * burst;
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%-42s %6d %22s %22s %9.0f us%n",
              kind.label,
              burst,
              medianAndSpread(fresh),
              medianAndSpread(warm),
              cpu / 1e3 / requests);
        }
      }
    }
    System.out.println(
        "CPU/request: this JVM's CPU time (the origin's included, the same for every client) over"
            + " the warm bursts, per request.");
  }

  /** Sends {@code count} GETs at once and waits for them all; answers the wall time in ms. */
  private static double burst(Client client, List<URI> pages, int count) throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<Integer>> answers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      answers.add(client.get(pages.get(i % pages.size())));
    }
    for (CompletableFuture<Integer> answer : answers) {
      if (answer.get(60, TimeUnit.SECONDS) <= 0) {
        throw new IllegalStateException("an empty page came back");
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static String medianAndSpread(List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%.0f [%.0f..%.0f]",
        sorted.get(sorted.size() / 2),
        sorted.getFirst(),
        sorted.getLast());
  }
}

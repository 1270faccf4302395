package dev.fanout.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one menu's run, derived from what it measured: throughput against the bound of its
 * bottleneck, latency per order, the deepest each queue got, the lanes that did the work.
 *
 * @param boundPerSecond the most orders per second the menu's bottleneck allows
 * @param latencyMillis from arrival to served: p50, p95, max (0 when nothing was served)
 * @param maxQueueDepth the deepest each queue got, by name
 * @param lanes distinct lanes that did the menu's own work (the grill, a device, not counted)
 * @param maxParallelLanes the most of those lanes at work at one instant
 * @param busyMillis each lane's time at work, by lane
 */
public record MenuFigures(
    MenuRun run,
    double boundPerSecond,
    double throughputPerSecond,
    double efficiency,
    Latency latencyMillis,
    Map<String, Integer> maxQueueDepth,
    int lanes,
    int maxParallelLanes,
    Map<String, Double> busyMillis) {

  /** Order latencies in ms. */
  public record Latency(double p50, double p95, double max) {}

  /** Lanes that are devices rather than workers: the grill's positions. */
  public static boolean isDevice(String lane) {
    return lane.startsWith("grill ");
  }

  /** The figures of each run of one menu, the bound taken from all of them. */
  public static List<MenuFigures> of(List<MenuRun> runs, int cores) {
    double bound = bound(runs, cores);
    return runs.stream().map(run -> of(run, bound)).toList();
  }

  static MenuFigures of(MenuRun run, double boundPerSecond) {
    double seconds = run.wallMillis() / 1000;
    double throughput = seconds <= 0 ? 0 : run.served() / seconds;
    Map<String, Integer> depths = new LinkedHashMap<>();
    run.queues().forEach(queue -> depths.put(queue.queue(), queue.maxDepth()));
    List<Span> work = run.spans().stream().filter(span -> !isDevice(span.lane())).toList();
    Map<String, Double> busy = new LinkedHashMap<>();
    work.forEach(span -> busy.merge(span.lane(), span.nanos() / 1e6, Double::sum));
    return new MenuFigures(
        run,
        boundPerSecond,
        throughput,
        boundPerSecond <= 0 ? 0 : throughput / boundPerSecond,
        latency(run),
        depths,
        busy.size(),
        maxParallelLanes(work),
        busy);
  }

  /**
   * The bottleneck's pace: for burgers the grill (its patties per cook time); for salads the cores,
   * the makers, the washer and the bowls, with a salad's and a wash's work as the median CPU time
   * measured of it in any run (not its wall time, which a busy core stretches); the shortest median
   * wall time where no CPU time was measured. Coffees have no bottleneck to saturate, only
   * customers who come in waves: see {@link #coffeesBound}.
   */
  static double bound(List<MenuRun> runs, int cores) {
    if (runs.isEmpty()) {
      return 0;
    }
    MenuRun first = runs.getFirst();
    return switch (Menu.of(first.menu())) {
      case BURGERS -> {
        long grill = first.facts().get("grill");
        long cook = first.facts().get("cookMillis");
        double minimum = Math.ceil((double) first.orders() / grill) * cook;
        yield minimum <= 0 ? 0 : first.orders() / (minimum / 1000);
      }
      case SALADS -> {
        double salad = work(runs, "make salad");
        double wash = work(runs, "wash bowl");
        long staff = first.facts().get("staff");
        long bowls = first.facts().get("bowls");
        yield salad <= 0 || wash <= 0
            ? 0
            : new SaladBar(first.orders(), (int) staff, (int) bowls, 1, 1)
                .boundPerSecond(cores, salad, wash);
      }
      case COFFEES -> coffeesBound(runs, first);
    };
  }

  /** One piece of a stage's work in ms: its median CPU time, else its shortest median wall. */
  private static double work(List<MenuRun> runs, String stage) {
    List<Double> cpu =
        runs.stream()
            .flatMap(run -> run.spans().stream())
            .filter(span -> span.stage().equals(stage) && span.ok() && span.cpuNanos() > 0)
            .map(span -> span.cpuNanos() / 1e6)
            .sorted()
            .toList();
    return cpu.isEmpty() ? shortestMedian(runs, stage) : cpu.get(cpu.size() / 2);
  }

  /**
   * The most orders per second the waves allow: the best possible wall is every order served the
   * moment it comes plus its own work, the next wave coming its gap after the slowest order of the
   * one before (it cannot come sooner). An order's work is its shortest making in any run, served
   * or not: a run's wave cannot end before its slowest order has ended, however it ended, so no run
   * beats this wall. Cold starts and queueing for a barista are what a run adds to it.
   */
  private static double coffeesBound(List<MenuRun> runs, MenuRun first) {
    Map<Integer, Double> work = new HashMap<>();
    for (MenuRun run : runs) {
      for (Span span : run.spans()) {
        if (span.stage().equals(Coffees.MAKE)) {
          work.merge(span.number(), span.nanos() / 1e6, Math::min);
        }
      }
    }
    double wall = CoffeeWaves.of(first.facts()).bestWallMillis(work);
    return wall <= 0 ? 0 : first.orders() / (wall / 1000);
  }

  private static double shortestMedian(List<MenuRun> runs, String stage) {
    double shortest = Double.MAX_VALUE;
    for (MenuRun run : runs) {
      List<Double> millis =
          run.spans().stream()
              .filter(span -> span.stage().equals(stage) && span.ok())
              .map(span -> span.nanos() / 1e6)
              .sorted()
              .toList();
      if (!millis.isEmpty()) {
        shortest = Math.min(shortest, millis.get(millis.size() / 2));
      }
    }
    return shortest == Double.MAX_VALUE ? 0 : shortest;
  }

  private static Latency latency(MenuRun run) {
    List<Double> millis =
        run.outcomes().stream()
            .filter(OrderOutcome::served)
            .map(outcome -> (outcome.doneNanos() - outcome.arrivalNanos()) / 1e6)
            .sorted()
            .toList();
    if (millis.isEmpty()) {
      return new Latency(0, 0, 0);
    }
    return new Latency(percentile(millis, 0.50), percentile(millis, 0.95), millis.getLast());
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** The most distinct lanes with work in progress at one instant. */
  static int maxParallelLanes(List<Span> spans) {
    record Edge(long at, int delta, String lane) {}
    List<Edge> edges = new ArrayList<>();
    for (Span span : spans) {
      edges.add(new Edge(span.startNanos(), 1, span.lane()));
      edges.add(new Edge(span.endNanos(), -1, span.lane()));
    }
    // Ends before starts at one instant: back-to-back work is not overlap.
    edges.sort(Comparator.comparingLong(Edge::at).thenComparingInt(Edge::delta));
    Map<String, Integer> open = new LinkedHashMap<>();
    int most = 0;
    for (Edge edge : edges) {
      open.merge(edge.lane(), edge.delta(), Integer::sum);
      open.values().removeIf(count -> count <= 0);
      most = Math.max(most, open.size());
    }
    return most;
  }
}

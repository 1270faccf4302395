package dev.fanout.report;

import dev.fanout.pipeline.Coffees;
import dev.fanout.pipeline.Menu;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lunch as plain-text tables: one per menu, then the article's comparison, measured. */
public final class LunchTable {
  private static final String ROW = "  %-11s %5s %9s %13s %9s %8s %10s  %-26s %s%n";

  private LunchTable() {}

  /** One menu's runs: throughput against the bottleneck's bound, latency, queues. */
  public static void print(PrintWriter out, String heading, List<MenuFigures> runs) {
    out.printf("%n%s%n", heading);
    out.printf(
        ROW,
        "strategy",
        "lanes",
        "wall",
        "served/failed",
        "orders/s",
        "bound/s",
        "efficiency",
        "latency p50 / p95 / max",
        "deepest queues");
    for (MenuFigures figures : runs) {
      MenuRun run = figures.run();
      MenuFigures.Latency latency = figures.latencyMillis();
      out.printf(
          ROW,
          run.strategy().label(),
          figures.lanes(),
          ConsoleTable.duration(run.wallMillis()),
          run.served() + "/" + run.failed(),
          String.format(Locale.ROOT, "%.1f", figures.throughputPerSecond()),
          String.format(Locale.ROOT, "%.1f", figures.boundPerSecond()),
          String.format(Locale.ROOT, "%.0f%%", figures.efficiency() * 100),
          ConsoleTable.duration(latency.p50())
              + " / "
              + ConsoleTable.duration(latency.p95())
              + " / "
              + ConsoleTable.duration(latency.max()),
          notes(figures));
    }
    for (MenuFigures figures : runs) {
      figures.run().outcomes().stream()
          .filter(outcome -> !outcome.served())
          .findFirst()
          .ifPresent(
              failed ->
                  out.printf(
                      "  %s: %d failed, e.g. order %d: %s%n",
                      figures.run().strategy().label(),
                      figures.run().failed(),
                      failed.order(),
                      failed.error()));
    }
    out.flush();
  }

  /** The line under the menus' tables that says what the columns mean. */
  public static void printLegend(PrintWriter out) {
    out.printf(
        "%nlanes: threads, loops, worker JVMs or instances that did the menu's work (the grill,"
            + " a device, not counted). bound: the most orders per second the bottleneck allows"
            + " (the grill's patties per cook time; the cores, makers, washer and bowls for"
            + " salads). efficiency = orders per second / bound. latency: from a customer's"
            + " arrival to being served.%n");
    out.flush();
  }

  /**
   * The article's table of the options, filled in from what the runs measured: how busy the cores
   * were (concurrent or parallel) and the most lanes at work at once, taken from the most CPU-bound
   * menu each strategy ran.
   */
  public static void printComparison(PrintWriter out, List<List<MenuFigures>> menus) {
    Map<StrategyKind, MenuFigures> chosen = new LinkedHashMap<>();
    Map<StrategyKind, Integer> mostLanes = new LinkedHashMap<>();
    for (List<MenuFigures> menu : menus) {
      for (MenuFigures figures : menu) {
        StrategyKind kind = figures.run().strategy();
        mostLanes.merge(kind, figures.maxParallelLanes(), Math::max);
        MenuFigures before = chosen.get(kind);
        if (before == null || coresBusy(figures) > coresBusy(before)) {
          chosen.put(kind, figures);
        }
      }
    }
    String row = "  %-11s %-26s %-30s %-9s %-44s %s%n";
    out.printf("%nthe article's comparison, from measurement%n");
    out.printf(
        row,
        "strategy",
        "concurrency type",
        "concurrent or parallel",
        "explicit",
        "who decides when to switch",
        "most lanes at once");
    List<StrategyKind> kinds = new ArrayList<>(chosen.keySet());
    kinds.sort(null);
    for (StrategyKind kind : kinds) {
      MenuFigures figures = chosen.get(kind);
      out.printf(
          row,
          kind.label(),
          concurrencyType(kind),
          observed(figures),
          kind == StrategyKind.ASYNC ? "yes" : "no",
          switching(kind),
          mostLanes.get(kind));
    }
    out.printf(
        "  concurrent or parallel: parallel when the run kept more than 1.2 cores busy on"
            + " average (CPU time / wall time, in %s), else concurrent.%n",
        "the menu that kept them busiest");
    out.flush();
  }

  /** CPU time over wall time: how many cores the run kept busy on average; -1 when unmeasured. */
  static double coresBusy(MenuFigures figures) {
    Long cpu = figures.run().facts().get("cpuMillis");
    return cpu == null || figures.run().wallMillis() <= 0 ? -1 : cpu / figures.run().wallMillis();
  }

  private static String observed(MenuFigures figures) {
    double busy = coresBusy(figures);
    if (busy < 0) {
      return figures.maxParallelLanes() > 1
          ? "parallel (" + figures.maxParallelLanes() + " lanes at once)"
          : "concurrent";
    }
    String kind =
        figures.run().strategy() == StrategyKind.SEQUENTIAL
            ? "neither"
            : busy > 1.2 ? "parallel" : "concurrent";
    return String.format(Locale.ROOT, "%s (%.2f cores busy)", kind, busy);
  }

  /** The article's words for each option, and Java's for what Python has not. */
  private static String concurrencyType(StrategyKind kind) {
    return switch (kind) {
      case SEQUENTIAL -> "none: one thing at a time";
      case THREADS -> "pre-emptive multitasking";
      case ASYNC -> "cooperative multitasking";
      case VIRTUAL -> "pre-emptive, on carriers";
      case PROCESSES -> "multiprocessing";
      case LAMBDA -> "multi-instance";
    };
  }

  private static String switching(StrategyKind kind) {
    return switch (kind) {
      case SEQUENTIAL -> "nobody: it never switches";
      case THREADS -> "the operating system, at any moment";
      case ASYNC -> "the tasks, where they await";
      case VIRTUAL -> "the JVM, where a virtual thread blocks";
      case PROCESSES -> "nobody: processes run on their own cores";
      case LAMBDA -> "nobody: each request has its own instance";
    };
  }

  private static String notes(MenuFigures figures) {
    StringBuilder notes = new StringBuilder();
    figures
        .maxQueueDepth()
        .forEach(
            (queue, depth) -> {
              if (depth > 0 && !queue.equals("customers") && !queue.equals("orders")) {
                notes.append(notes.isEmpty() ? "" : ", ").append(queue).append(' ').append(depth);
              }
            });
    Map<String, Long> facts = figures.run().facts();
    if (figures.run().menu().equals(Menu.COFFEES.label())) {
      notes.setLength(0);
      notes.append(Coffees.note(figures.run()));
    }
    if (facts.containsKey("maxBowlsInUse")) {
      notes
          .append("; bowls in use ")
          .append(facts.get("maxBowlsInUse"))
          .append(" of ")
          .append(facts.get("bowls"));
    }
    if (facts.containsKey("deadLettered")) {
      notes.append(
          String.format(
              Locale.ROOT,
              "; %d dead-lettered, %d redeliveries, %d duplicates suppressed, %d served twice",
              facts.get("deadLettered"),
              facts.get("redeliveries"),
              facts.get("duplicatesSuppressed"),
              facts.get("servedTwice")));
      if (facts.containsKey("inPipelineP50Millis")) {
        notes.append(
            String.format(
                Locale.ROOT,
                "; in the pipeline p50 %s, p95 %s",
                ConsoleTable.duration(facts.get("inPipelineP50Millis")),
                ConsoleTable.duration(facts.get("inPipelineP95Millis"))));
      }
    }
    if (facts.containsKey("workerStartupMillis")) {
      notes.append(
          String.format(
              Locale.ROOT,
              "; worker JVM start-up (not in wall): %d, max %s",
              facts.get("workerJvms"),
              ConsoleTable.duration(facts.get("workerStartupMillis"))));
    }
    return notes.toString();
  }
}

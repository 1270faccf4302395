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

/**
 * The lunch as plain-text tables: one per menu, what a row has to say beyond its figures in a
 * numbered note under it, then the article's comparison, measured.
 */
public final class LunchTable {
  private static final String ROW = "  %-11s %5s %9s %13s %9s %8s %10s  %-26s %s";
  private static final String COMPARISON = "  %-11s %-25s %-8s %-28s %10s  %s";

  private LunchTable() {}

  /** One menu's runs: throughput against the bottleneck's bound, latency, queues. */
  public static void print(PrintWriter out, String heading, List<MenuFigures> runs) {
    out.println();
    out.println(ConsoleTable.wrap(heading, "", "  ", ConsoleTable.WIDTH));
    row(
        out,
        ROW,
        "strategy",
        "lanes",
        "wall",
        "served/failed",
        "orders/s",
        "bound/s",
        "efficiency",
        "latency p50 / p95 / max",
        "");
    List<String> notes = new ArrayList<>();
    for (MenuFigures figures : runs) {
      MenuRun run = figures.run();
      MenuFigures.Latency latency = figures.latencyMillis();
      String note = notes(figures);
      if (!note.isEmpty()) {
        notes.add(note);
      }
      row(
          out,
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
          note.isEmpty() ? "" : ConsoleTable.marker(notes.size()));
    }
    ConsoleTable.printNotes(out, notes);
    for (MenuFigures figures : runs) {
      figures.run().outcomes().stream()
          .filter(outcome -> !outcome.served())
          .findFirst()
          .ifPresent(
              failed ->
                  out.println(
                      ConsoleTable.wrap(
                          String.format(
                              Locale.ROOT,
                              "%s: %d failed, e.g. order %d: %s",
                              figures.run().strategy().label(),
                              figures.run().failed(),
                              failed.order(),
                              failed.error()),
                          "  ",
                          ConsoleTable.WIDTH)));
    }
    out.flush();
  }

  private static void row(PrintWriter out, String format, Object... columns) {
    out.println(String.format(format, columns).stripTrailing());
  }

  /** The lines under the menus' tables that say what the columns mean. */
  public static void printLegend(PrintWriter out) {
    out.println();
    out.println(
        ConsoleTable.wrap(
            "lanes: threads, loops, worker JVMs or instances that did the menu's work (the grill,"
                + " a device, not counted). bound: the most orders per second the bottleneck"
                + " allows (the grill's patties per cook time; the cores, makers, washer and bowls"
                + " for salads). efficiency = orders per second / bound. latency: from a"
                + " customer's arrival to being served. deepest queues (in the notes): the most"
                + " each queue held at once.",
            "",
            "",
            ConsoleTable.WIDTH));
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
    out.printf("%nthe article's comparison, from measurement%n");
    row(
        out,
        COMPARISON,
        "strategy",
        "concurrency type",
        "explicit",
        "concurrent or parallel",
        "most lanes",
        "who decides when to switch");
    List<StrategyKind> kinds = new ArrayList<>(chosen.keySet());
    kinds.sort(null);
    for (StrategyKind kind : kinds) {
      MenuFigures figures = chosen.get(kind);
      row(
          out,
          COMPARISON,
          kind.label(),
          concurrencyType(kind),
          kind == StrategyKind.ASYNC ? "yes" : "no",
          observed(figures),
          mostLanes.get(kind),
          switching(kind));
    }
    out.println(
        ConsoleTable.wrap(
            "concurrent or parallel: parallel when the run kept more than 1.2 cores busy on"
                + " average (CPU time / wall time, in the menu that kept them busiest), else"
                + " concurrent. most lanes: the most lanes at work at once.",
            "  ",
            ConsoleTable.WIDTH));
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
      case THREADS -> "the OS, at any moment";
      case ASYNC -> "the tasks, where they await";
      case VIRTUAL -> "the JVM, at a blocking call";
      case PROCESSES -> "nobody: each on its own core";
      case LAMBDA -> "nobody: an instance per call";
    };
  }

  /**
   * What a menu's row says beyond its figures: the deepest queues (or, for coffees, what became of
   * the complex order), bowls in use, the Lambda pipeline's deliveries, worker JVM start-up.
   */
  private static String notes(MenuFigures figures) {
    List<String> notes = new ArrayList<>();
    Map<String, Long> facts = figures.run().facts();
    if (figures.run().menu().equals(Menu.COFFEES.label())) {
      notes.add(Coffees.note(figures.run()));
    } else {
      List<String> queues = new ArrayList<>();
      figures
          .maxQueueDepth()
          .forEach(
              (queue, depth) -> {
                if (depth > 0 && !queue.equals("customers") && !queue.equals("orders")) {
                  queues.add(queue + " " + depth);
                }
              });
      if (!queues.isEmpty()) {
        notes.add("deepest queues " + String.join(", ", queues));
      }
    }
    if (facts.containsKey("maxBowlsInUse")) {
      notes.add("bowls in use " + facts.get("maxBowlsInUse") + " of " + facts.get("bowls"));
    }
    if (facts.containsKey("deadLettered")) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%d dead-lettered, %d redeliveries, %d duplicates suppressed, %d served twice",
              facts.get("deadLettered"),
              facts.get("redeliveries"),
              facts.get("duplicatesSuppressed"),
              facts.get("servedTwice")));
      if (facts.containsKey("inPipelineP50Millis")) {
        notes.add(
            String.format(
                Locale.ROOT,
                "in the pipeline p50 %s, p95 %s",
                ConsoleTable.duration(facts.get("inPipelineP50Millis")),
                ConsoleTable.duration(facts.get("inPipelineP95Millis"))));
      }
    }
    if (facts.containsKey("workerStartupMillis")) {
      notes.add(
          String.format(
              Locale.ROOT,
              "worker JVM start-up (not in wall): %d, max %s",
              facts.get("workerJvms"),
              ConsoleTable.duration(facts.get("workerStartupMillis"))));
    }
    return String.join("; ", notes);
  }
}

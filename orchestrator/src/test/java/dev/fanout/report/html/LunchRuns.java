package dev.fanout.report.html;

import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.pipeline.BurgerShop;
import dev.fanout.pipeline.Burgers;
import dev.fanout.pipeline.CatalogKitchen;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.PipeQueue;
import dev.fanout.pipeline.QueueTrace;
import dev.fanout.pipeline.Restaurant;
import dev.fanout.pipeline.SaladBar;
import dev.fanout.pipeline.Salads;
import dev.fanout.pipeline.Span;
import dev.fanout.pipeline.ThreadLanes;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Lunches for the page's tests: real ones, the menus served by the units against the local origin's
 * grill under the in-JVM strategies, and made-up ones with exact times where a test needs sizes or
 * text no real run gives.
 */
final class LunchRuns implements AutoCloseable {
  /** The in-JVM strategies, in the report's order. */
  static final List<StrategyKind> IN_JVM =
      List.of(
          StrategyKind.SEQUENTIAL, StrategyKind.THREADS, StrategyKind.ASYNC, StrategyKind.VIRTUAL);

  private final OriginServer origin;
  private final UnitRuntime runtime;

  LunchRuns(Path images) {
    origin = OriginServer.start(OriginOptions.defaults());
    runtime = UnitRuntime.open(UnitSettings.forOrigin(origin.baseUri(), images));
  }

  BurgerShop shop(int orders, int grill, int cookMillis) {
    return new BurgerShop(
            orders, grill, Duration.ofMillis(cookMillis), BurgerShop.ARTICLE_OPEN_ORDERS, null)
        .withOrigin(origin.baseUri());
  }

  /** Each strategy's run of the burger stall, with the menu's figures. */
  List<MenuFigures> burgers(BurgerShop shop, List<StrategyKind> strategies) {
    return serve(new Burgers(shop, System::nanoTime), strategies);
  }

  List<MenuFigures> salads(SaladBar bar, List<StrategyKind> strategies) {
    return serve(new Salads(bar, System::nanoTime), strategies);
  }

  private List<MenuFigures> serve(Restaurant restaurant, List<StrategyKind> strategies) {
    List<MenuRun> runs = new ArrayList<>();
    for (StrategyKind strategy : strategies) {
      runs.add(run(restaurant, strategy));
    }
    return MenuFigures.of(runs, Runtime.getRuntime().availableProcessors());
  }

  /** As the engine runs each in-JVM form: sequential and the loop on a thread of their own. */
  private MenuRun run(Restaurant restaurant, StrategyKind strategy) {
    CatalogKitchen kitchen = new CatalogKitchen(runtime.catalog());
    return switch (strategy) {
      case SEQUENTIAL ->
          new ThreadLanes(runtime.catalog(), false)
              .start("sequential", () -> restaurant.runInSequence(kitchen))
              .join();
      case THREADS -> restaurant.runOnLanes(strategy, new ThreadLanes(runtime.catalog(), false));
      case VIRTUAL -> restaurant.runOnLanes(strategy, new ThreadLanes(runtime.catalog(), true));
      case ASYNC -> {
        try (ExecutorService loop =
            Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "event-loop"))) {
          yield restaurant.runOnLoop(kitchen, loop);
        }
      }
      default -> throw new IllegalArgumentException(strategy + " is not an in-JVM strategy");
    };
  }

  @Override
  public void close() {
    runtime.close();
    origin.close();
  }

  // ---- Made up ----

  /**
   * A run of {@code orders} orders, 1 ms each, back to back, its stages sharing the order's ms on
   * the lanes in turn, with a trace called {@code trace} that goes up and down once per order:
   * exact, and as big as a test needs.
   *
   * @param capacity the trace's bound, 0 for none
   */
  static MenuRun madeUp(
      String menu,
      String trace,
      int capacity,
      int orders,
      List<String> stages,
      List<String> lanes,
      Map<String, Long> facts) {
    long[] clock = {0};
    LongSupplier nanoTime = () -> clock[0];
    PipeQueue<Integer> queue =
        capacity > 0
            ? PipeQueue.bounded(trace, capacity, nanoTime)
            : PipeQueue.unbounded(trace, nanoTime);
    List<Span> spans = new ArrayList<>();
    List<OrderOutcome> outcomes = new ArrayList<>();
    long ms = 1_000_000;
    for (int order = 1; order <= orders; order++) {
      long start = (order - 1) * ms;
      clock[0] = start;
      queue.put(order);
      for (int s = 0; s < stages.size(); s++) {
        spans.add(
            new Span(
                stages.get(s),
                lanes.get((order * stages.size() + s) % lanes.size()),
                Span.Subject.ORDER,
                order,
                start + s * ms / stages.size(),
                start + (s + 1) * ms / stages.size(),
                -1,
                null));
      }
      clock[0] = start + ms / 2;
      queue.take();
      outcomes.add(new OrderOutcome(order, start, start + ms, null));
    }
    return new MenuRun(
        menu,
        StrategyKind.THREADS,
        orders,
        0,
        orders * ms,
        outcomes,
        spans,
        List.of(queue.trace()),
        List.of(),
        facts);
  }

  /** Figures of a made-up run, worked out here: a menu the pipeline does not know has no bound. */
  static MenuFigures figures(MenuRun run) {
    return new MenuFigures(
        run,
        0,
        run.served() / (run.wallMillis() / 1000),
        0,
        new MenuFigures.Latency(1, 1, 1),
        run.queues().stream().collect(Collectors.toMap(QueueTrace::queue, QueueTrace::maxDepth)),
        (int) run.spans().stream().map(Span::lane).distinct().count(),
        1,
        Map.of());
  }
}

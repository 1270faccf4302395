package dev.fanout.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import dev.fanout.measure.CpuTime;
import dev.fanout.pipeline.BurgerShop;
import dev.fanout.pipeline.Burgers;
import dev.fanout.pipeline.BurgersOnLambda;
import dev.fanout.pipeline.CatalogKitchen;
import dev.fanout.pipeline.CoffeeCloud;
import dev.fanout.pipeline.Coffees;
import dev.fanout.pipeline.LunchSettings;
import dev.fanout.pipeline.Menu;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.Restaurant;
import dev.fanout.pipeline.Salads;
import dev.fanout.pipeline.ThreadLanes;
import dev.fanout.report.ConsoleTable;
import dev.fanout.strategy.WorkerLanes;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The lunch: each menu's pipeline run under each strategy where it means something, on lanes of the
 * strategy's own kind, against the lab's origin (the burger grill) and units; the coffees' waves of
 * customers in this JVM or on the lab's Lambda backend.
 */
public final class Lunch {
  static final String LOOP_THREAD = "event-loop";
  static final String SEQUENTIAL_THREAD = "the one worker";
  private static final double WARMUP_MILLIS = 300;

  /**
   * How long the burger bar on Lambda has, after its last order was sent, to serve or dead-letter
   * every order: a poison order's deliveries, each a visibility timeout apart, with room to spare.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final UnitCatalog catalog;
  private final URI origin;
  private final Supplier<WorkerLanes> workerLanes;
  private final CoffeeCloud coffeeCloud;
  private final BurgerClouds burgerClouds;
  private final PrintWriter progress;
  private final boolean warmup;

  Lunch(
      UnitCatalog catalog,
      URI origin,
      Supplier<WorkerLanes> workerLanes,
      CoffeeCloud coffeeCloud,
      BurgerClouds burgerClouds,
      PrintWriter progress,
      boolean warmup) {
    this.catalog = catalog;
    this.origin = origin;
    this.workerLanes = workerLanes;
    this.coffeeCloud = coffeeCloud;
    this.burgerClouds = burgerClouds;
    this.progress = progress;
    this.warmup = warmup;
  }

  /** Runs {@code menu} under each of {@code strategies} it runs under, in order. */
  public List<MenuRun> serve(Menu menu, List<StrategyKind> strategies, LunchSettings settings) {
    if (warmup && strategies.stream().anyMatch(StrategyKind::inThisJvm)) {
      warmUp(warmUpCalls(menu, settings), menu == Menu.BURGERS ? settings.burgers().grill() : 1);
    }
    List<MenuRun> runs = new ArrayList<>();
    for (StrategyKind strategy : strategies) {
      if (!menu.runsUnder(strategy)) {
        continue;
      }
      progress.printf("serving %s with %s...%n", menu, strategy);
      progress.flush();
      long cpuBefore = CpuTime.processNanos();
      MenuRun run = run(menu, settings, strategy);
      if (strategy.inThisJvm() && cpuBefore >= 0) {
        run = run.withFact("cpuMillis", (CpuTime.processNanos() - cpuBefore) / 1_000_000);
      }
      progress.printf(
          "  %s/%s: %s, %d served, %d failed%n",
          menu, strategy, ConsoleTable.duration(run.wallMillis()), run.served(), run.failed());
      progress.flush();
      runs.add(run);
    }
    return runs;
  }

  /** The menu's CPU units to warm: the grill waits and needs none; a coffee grinds beans. */
  private List<Map.Entry<String, JsonNode>> warmUpCalls(Menu menu, LunchSettings settings) {
    return switch (menu) {
      case BURGERS ->
          new Burgers(settings.burgers().withOrigin(origin), System::nanoTime).warmUpCalls();
      case SALADS -> new Salads(settings.salads(), System::nanoTime).warmUpCalls();
      case COFFEES ->
          List.of(Map.entry("coffee", UnitJson.parse("coffee", "{\"drink\": \"espresso\"}")));
    };
  }

  /** Opens the burger bar on Lambda for one run: its functions, queues and table. */
  interface BurgerClouds {
    AutoCloseableCloud open(BurgerShop shop);
  }

  /** A burger bar on Lambda that is closed after its run. */
  interface AutoCloseableCloud extends BurgersOnLambda.Cloud, AutoCloseable {
    @Override
    void close();
  }

  private MenuRun run(Menu menu, LunchSettings settings, StrategyKind strategy) {
    return switch (menu) {
      case BURGERS ->
          strategy == StrategyKind.LAMBDA
              ? burgersOnLambda(settings)
              : run(new Burgers(settings.burgers().withOrigin(origin), System::nanoTime), strategy);
      case SALADS -> run(new Salads(settings.salads(), System::nanoTime), strategy);
      case COFFEES -> coffees(new Coffees(settings.coffees(), System::nanoTime), strategy);
    };
  }

  /**
   * Burgers on Lambda: the burger bar's stages, queues and table started for this run alone, and
   * the orders sent through them from the door.
   */
  private MenuRun burgersOnLambda(LunchSettings settings) {
    if (burgerClouds == null) {
      throw new IllegalStateException(
          "burgers under lambda need the Lambda backend: open the lab with lambda among its"
              + " strategies");
    }
    BurgerShop shop = settings.burgers().withOrigin(origin);
    try (AutoCloseableCloud cloud = burgerClouds.open(shop)) {
      return new BurgersOnLambda(shop, settings.poison(), PATIENCE, System::nanoTime).run(cloud);
    }
  }

  /** Coffees are no pipeline: orders come in waves, made in this JVM or one invocation each. */
  private MenuRun coffees(Coffees coffees, StrategyKind strategy) {
    return switch (strategy) {
      case SEQUENTIAL, THREADS, ASYNC, VIRTUAL -> coffees.inThisJvm(strategy, catalog);
      case LAMBDA -> {
        if (coffeeCloud == null) {
          throw new IllegalStateException(
              "coffees under lambda need the Lambda backend: open the lab with lambda among its"
                  + " strategies");
        }
        yield coffees.onLambda(coffeeCloud);
      }
      case PROCESSES ->
          throw new IllegalArgumentException(
              "coffees do not run on worker JVMs: "
                  + Menu.COFFEES.label()
                  + " runs under "
                  + Menu.COFFEES.strategies());
    };
  }

  private MenuRun run(Restaurant restaurant, StrategyKind strategy) {
    CatalogKitchen kitchen = new CatalogKitchen(catalog);
    return switch (strategy) {
      case SEQUENTIAL ->
          new ThreadLanes(catalog, false)
              .start(SEQUENTIAL_THREAD, () -> restaurant.runInSequence(kitchen))
              .join();
      case THREADS -> restaurant.runOnLanes(strategy, new ThreadLanes(catalog, false));
      case VIRTUAL -> restaurant.runOnLanes(strategy, new ThreadLanes(catalog, true));
      case ASYNC -> {
        try (ExecutorService loop =
            Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, LOOP_THREAD))) {
          yield restaurant.runOnLoop(kitchen, loop);
        }
      }
      case PROCESSES -> {
        try (WorkerLanes lanes = workerLanes.get()) {
          lanes.prepare(restaurant.laneWidths());
          if (warmup) {
            // Each worker JVM gets what this JVM got: its code compiled before the clock runs.
            lanes.warmUp(restaurant.warmUpCalls(), WARMUP_MILLIS, restaurant.handOffCalls());
          }
          double startup =
              lanes.startupMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
          yield restaurant
              .runOnLanes(strategy, lanes)
              .withFact("workerJvms", lanes.startupMillis().size())
              .withFact("workerStartupMillis", Math.round(startup))
              .withFact("cpuMillis", lanes.cpuMillis());
        }
      }
      case LAMBDA ->
          throw new IllegalArgumentException(
              "the lunch's pipelines do not run as Lambda functions joined by queues");
    };
  }

  /**
   * Calls the menu's CPU units untimed for about 300 ms, so that the first in-JVM strategy is not
   * charged for compiling what the others reuse.
   */
  private void warmUp(List<Map.Entry<String, JsonNode>> calls, int lanes) {
    // As many at once as the widest lane will run, so that what a run shares (the grill's
    // connections to the origin) is warm too.
    try (ExecutorService warmers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int lane = 0; lane < lanes; lane++) {
        int offset = lane;
        warmers.execute(
            () -> {
              long start = System.nanoTime();
              for (int i = offset;
                  i < offset + calls.size() || (System.nanoTime() - start) / 1e6 < WARMUP_MILLIS;
                  i++) {
                Map.Entry<String, JsonNode> call = calls.get(i % calls.size());
                try {
                  catalog.unit(call.getKey()).call(call.getValue(), Deadline.none());
                } catch (RuntimeException e) {
                  // The timed runs report failures; the warm-up only needs the code to have run.
                }
              }
            });
      }
    }
  }
}

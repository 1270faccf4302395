package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Cloud Coffees: not a pipeline of stages but customers coming over time in the waves of {@link
 * CoffeeWaves}, each ordering one coffee, made by the coffee unit. On Lambda each order is one
 * invocation ({@link CoffeesOnLambda}); in this JVM, for comparison, one barista, a pool, one event
 * loop or a virtual thread per order makes it, with no timeout: the complex order is served late.
 */
public final class Coffees {
  /** The stage of making one coffee, on every lane. */
  public static final String MAKE = "make coffee";

  /** A Lambda instance starting (its REPORT line's Init Duration) before it makes its coffee. */
  public static final String COLD_START = "cold start";

  /** The trace of the coffee function's live instances over a lambda run. */
  public static final String INSTANCES = "instances";

  static final String UNIT = "coffee";
  static final String ONE_BARISTA = "the one barista";
  static final String LOOP = "event-loop";

  private final CoffeeWaves waves;
  private final LongSupplier nanoTime;

  public Coffees(CoffeeWaves waves, LongSupplier nanoTime) {
    this.waves = waves;
    this.nanoTime = nanoTime;
  }

  /** What became of one order: its outcome, and the work it took on which lane. */
  record Served(OrderOutcome outcome, List<Span> spans) {}

  /** Takes an order as it comes and makes it without holding up the door. */
  interface Counter {
    CompletableFuture<Served> take(CoffeeWaves.Order order, long arrivalNanos);
  }

  /** When the doors opened and closed, and every order as it ended. */
  record Doors(long openNanos, long closeNanos, List<Served> served) {}

  /**
   * The orders made in this JVM under {@code strategy}: one barista the crowd queues for; a pool of
   * a barista per customer of the largest wave, so that nobody queues, as the cloud gives each
   * customer a stall; one event loop whose waits are timers; a virtual thread per order.
   */
  public MenuRun inThisJvm(StrategyKind strategy, UnitCatalog catalog) {
    CatalogKitchen kitchen = new CatalogKitchen(catalog);
    AtomicInteger baristas = new AtomicInteger();
    try (ExecutorService counter =
        switch (strategy) {
          case SEQUENTIAL ->
              Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, ONE_BARISTA));
          case THREADS ->
              Executors.newFixedThreadPool(
                  waves.largestWave(),
                  runnable -> new Thread(runnable, "barista-" + baristas.incrementAndGet()));
          case ASYNC -> Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, LOOP));
          case VIRTUAL ->
              Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("virtual-", 1).factory());
          case PROCESSES, LAMBDA ->
              throw new IllegalArgumentException(
                  "coffees in this JVM run under sequential, threads, async or virtual, not "
                      + strategy);
        }) {
      Counter take =
          strategy == StrategyKind.ASYNC
              ? (order, arrival) -> onLoop(kitchen, counter, order, arrival)
              : (order, arrival) ->
                  CompletableFuture.supplyAsync(() -> make(kitchen, order, arrival), counter);
      Doors doors = open(take);
      Map<String, Long> facts = waves.facts();
      facts.put(
          "baristas",
          (long)
              switch (strategy) {
                case SEQUENTIAL, ASYNC -> 1;
                // A thread each for the largest wave; a virtual thread for each order in flight.
                case THREADS, VIRTUAL -> waves.largestWave();
                case PROCESSES, LAMBDA -> 0;
              });
      facts.put("timeouts", 0L); // nothing in this JVM stops a barista who is taking too long
      return run(strategy, doors, List.of(), facts);
    }
  }

  /** The orders made on Lambda, one invocation each: see {@link CoffeesOnLambda}. */
  public MenuRun onLambda(CoffeeCloud cloud) {
    return new CoffeesOnLambda(this, cloud, nanoTime).run();
  }

  /** Makes one coffee on the calling thread: its lane is that thread. */
  private Served make(CatalogKitchen kitchen, CoffeeWaves.Order order, long arrival) {
    long start = nanoTime.getAsLong();
    String error = null;
    try {
      kitchen.call(UNIT, order.input());
    } catch (RuntimeException e) {
      error = Stage.reason(e);
    }
    return served(order, arrival, start, nanoTime.getAsLong(), lane(kitchen), error);
  }

  /** Makes one coffee on the loop: grinding on it, every wait a timer that hands back to it. */
  private CompletableFuture<Served> onLoop(
      CatalogKitchen kitchen, ExecutorService loop, CoffeeWaves.Order order, long arrival) {
    return CompletableFuture.supplyAsync(nanoTime::getAsLong, loop)
        .thenComposeAsync(
            start ->
                kitchen
                    .callAsync(UNIT, order.input(), loop)
                    .handleAsync(
                        (JsonNode made, Throwable failure) ->
                            served(
                                order,
                                arrival,
                                start,
                                nanoTime.getAsLong(),
                                lane(kitchen),
                                failure == null ? null : Stage.reason(failure)),
                        loop),
            loop);
  }

  private static String lane(CatalogKitchen kitchen) {
    String name = kitchen.lane();
    return name.isEmpty() ? "virtual-" + Thread.currentThread().threadId() : name;
  }

  private static Served served(
      CoffeeWaves.Order order, long arrival, long start, long end, String lane, String error) {
    return new Served(
        new OrderOutcome(order.number(), arrival, end, error),
        List.of(span(MAKE, lane, order.number(), start, end, error)));
  }

  /** The one place a coffee's span is made. */
  static Span span(String stage, String lane, int order, long start, long end, String error) {
    return new Span(stage, lane, Span.Subject.ORDER, order, start, end, -1, error);
  }

  /**
   * Lets each wave in at its time and hands all its orders to the counter at once, then waits until
   * every one of them is served or failed: the next wave's gap counts from then.
   */
  Doors open(Counter counter) {
    long open = nanoTime.getAsLong();
    long previousDone = open;
    List<Served> served = new ArrayList<>();
    for (CoffeeWaves.Wave wave : waves.waves()) {
      waitUntil(previousDone + wave.gap().toNanos(), wave);
      long arrival = nanoTime.getAsLong();
      List<CompletableFuture<Served>> orders = new ArrayList<>();
      for (CoffeeWaves.Order order : wave.orders()) {
        orders.add(counter.take(order, arrival));
      }
      CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new)).join();
      previousDone = arrival;
      for (CompletableFuture<Served> order : orders) {
        Served one = order.join();
        served.add(one);
        previousDone = Math.max(previousDone, one.outcome().doneNanos());
      }
    }
    return new Doors(open, Math.max(previousDone, open), served);
  }

  private void waitUntil(long dueNanos, CoffeeWaves.Wave wave) {
    long left = dueNanos - nanoTime.getAsLong();
    while (left > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting for wave " + wave.number() + " (" + wave.who() + ")", e);
      }
      left = dueNanos - nanoTime.getAsLong();
    }
  }

  /** The run the doors let in, with the menu's facts and any traces. */
  MenuRun run(
      StrategyKind strategy, Doors doors, List<QueueTrace> traces, Map<String, Long> facts) {
    List<OrderOutcome> outcomes = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    for (Served served : doors.served()) {
      outcomes.add(served.outcome());
      spans.addAll(served.spans());
    }
    return new MenuRun(
        Menu.COFFEES.label(),
        strategy,
        waves.size(),
        doors.openNanos(),
        doors.closeNanos(),
        outcomes,
        spans,
        traces,
        List.of(),
        new LinkedHashMap<>(facts));
  }

  CoffeeWaves waves() {
    return waves;
  }

  /** The coffee function's live instances over a lambda run, if it ran there. */
  public static Optional<QueueTrace> instances(MenuRun run) {
    return run.queues().stream().filter(trace -> trace.queue().equals(INSTANCES)).findFirst();
  }

  /**
   * One line on what a coffees run shows, for a table's notes: on Lambda its cold starts, reclaims
   * and timeouts; in this JVM, that the complex order was served late, as nothing times it out.
   */
  public static String note(MenuRun run) {
    Map<String, Long> facts = run.facts();
    int complex = Math.toIntExact(facts.getOrDefault("complexOrder", 0L));
    Optional<OrderOutcome> friend =
        run.outcomes().stream().filter(outcome -> outcome.order() == complex).findFirst();
    String late =
        friend
            .map(
                outcome ->
                    String.format("%.2f s", (outcome.doneNanos() - outcome.arrivalNanos()) / 1e9))
            .orElse("?");
    if (run.strategy() != StrategyKind.LAMBDA) {
      return "no timeout in this JVM: the complex order ("
          + complex
          + ") served late, after "
          + late;
    }
    long timeouts = facts.getOrDefault("timeouts", 0L);
    String reclaimed =
        facts.containsKey("reclaimed") ? Long.toString(facts.get("reclaimed")) : "unknown";
    String binned =
        friend
            .filter(outcome -> !outcome.served())
            .map(outcome -> " (order " + complex + ": " + outcome.error() + ")")
            .orElse("");
    long coldStarts = facts.getOrDefault("coldStarts", 0L);
    return coldStarts
        + (coldStarts == 1 ? " cold start, " : " cold starts, ")
        + reclaimed
        + " reclaimed, "
        + timeouts
        + (timeouts == 1 ? " timeout" : " timeouts")
        + binned
        + ", at most "
        + facts.getOrDefault("maxInstances", 0L)
        + " instances";
  }
}

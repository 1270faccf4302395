package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Parallel Salads, run by lanes that block (a thread or worker JVM per member of staff), by one
 * event loop, or by one person doing everything. The makers' and the washer's loops are the
 * article's; the bowls go round through a clean and a dirty queue.
 */
public final class Salads implements Restaurant {
  static final String WASHER = "bowl washer";

  private final SaladBar bar;
  private final LongSupplier nanoTime;

  public Salads(SaladBar bar, LongSupplier nanoTime) {
    this.bar = bar;
    this.nanoTime = nanoTime;
  }

  static String maker(int number) {
    return "salad maker " + number;
  }

  @Override
  public Map<String, Integer> laneWidths() {
    Map<String, Integer> widths = new LinkedHashMap<>();
    for (int number = 1; number <= bar.makers(); number++) {
      widths.put(maker(number), 1);
    }
    widths.put(WASHER, 1);
    return widths;
  }

  @Override
  public List<Map.Entry<String, JsonNode>> warmUpCalls() {
    return calls(bar.saladPasses(), bar.washPasses());
  }

  @Override
  public List<Map.Entry<String, JsonNode>> handOffCalls() {
    return calls(1, 1);
  }

  private static List<Map.Entry<String, JsonNode>> calls(int saladPasses, int washPasses) {
    ObjectNode salad = JsonNodeFactory.instance.objectNode();
    salad.put("order", 1).put("bowl", 1).put("passes", saladPasses);
    ObjectNode wash = JsonNodeFactory.instance.objectNode();
    wash.put("bowl", 1).put("passes", washPasses);
    return List.of(Map.entry("salad", salad), Map.entry("wash", wash));
  }

  /** Every member of staff on a blocking lane of their own. */
  @Override
  public MenuRun runOnLanes(StrategyKind strategy, Lanes lanes) {
    Queues queues = new Queues();
    AtomicInteger makersAtWork = new AtomicInteger(bar.makers());
    List<CompletableFuture<LaneLog>> staff = new ArrayList<>();
    for (int number = 1; number <= bar.makers(); number++) {
      String lane = maker(number);
      staff.add(lanes.start(lane, () -> makeSalads(lanes.kitchen(lane), queues, makersAtWork)));
    }
    staff.add(lanes.start(WASHER, () -> washBowls(lanes.kitchen(WASHER), queues)));
    return queues.finish(strategy, staff.stream().map(CompletableFuture::join).toList());
  }

  /** One person does it all: a salad in a clean bowl, washing one first when none is clean. */
  @Override
  public MenuRun runInSequence(Kitchen kitchen) {
    Queues queues = new Queues();
    LaneLog log = new LaneLog();
    for (int order = queues.orders.take().orElse(-1);
        order >= 0;
        order = queues.orders.take().orElse(-1)) {
      Optional<Integer> bowl = queues.clean.poll();
      if (bowl.isEmpty()) {
        wash(kitchen, log, queues, queues.dirty.take().orElseThrow());
        bowl = queues.clean.take();
      }
      makeSalad(kitchen, log, queues, order, bowl.orElseThrow());
    }
    queues.dirty.close();
    for (int bowl = queues.dirty.take().orElse(-1);
        bowl >= 0;
        bowl = queues.dirty.take().orElse(-1)) {
      wash(kitchen, log, queues, bowl);
    }
    return queues.finish(StrategyKind.SEQUENTIAL, List.of(log));
  }

  /** Every member of staff as a loop of futures on ONE thread: CPU work blocks them all. */
  @Override
  public MenuRun runOnLoop(Kitchen kitchen, Executor loop) {
    Queues queues = new Queues();
    AtomicInteger makersAtWork = new AtomicInteger(bar.makers());
    List<LaneLog> logs = new ArrayList<>();
    List<CompletableFuture<Void>> staff = new ArrayList<>();
    for (int number = 1; number <= bar.makers(); number++) {
      LaneLog log = new LaneLog();
      logs.add(log);
      staff.add(
          AsyncSteps.repeat(
                  () ->
                      queues
                          .orders
                          .takeAsync(loop)
                          .thenComposeAsync(
                              order ->
                                  order.isEmpty()
                                      ? CompletableFuture.completedFuture(false)
                                      : queues
                                          .clean
                                          .takeAsync(loop)
                                          .thenApplyAsync(
                                              bowl -> {
                                                makeSalad(
                                                    kitchen,
                                                    log,
                                                    queues,
                                                    order.get(),
                                                    bowl.orElseThrow());
                                                return true;
                                              },
                                              loop),
                              loop),
                  loop)
              .thenRunAsync(() -> doneMaking(queues, makersAtWork), loop));
    }
    LaneLog washerLog = new LaneLog();
    logs.add(washerLog);
    staff.add(
        AsyncSteps.repeat(
            () ->
                queues
                    .dirty
                    .takeAsync(loop)
                    .thenApplyAsync(
                        bowl -> {
                          bowl.ifPresent(b -> wash(kitchen, washerLog, queues, b));
                          return bowl.isPresent();
                        },
                        loop),
            loop));
    CompletableFuture.allOf(staff.toArray(CompletableFuture[]::new)).join();
    return queues.finish(StrategyKind.ASYNC, logs);
  }

  // ---- The staff's loops, blocking ----

  private LaneLog makeSalads(Kitchen kitchen, Queues queues, AtomicInteger makersAtWork) {
    LaneLog log = new LaneLog();
    for (int order = queues.orders.take().orElse(-1);
        order >= 0;
        order = queues.orders.take().orElse(-1)) {
      makeSalad(kitchen, log, queues, order, queues.clean.take().orElseThrow());
    }
    doneMaking(queues, makersAtWork);
    return log;
  }

  private LaneLog washBowls(Kitchen kitchen, Queues queues) {
    LaneLog log = new LaneLog();
    for (int bowl = queues.dirty.take().orElse(-1);
        bowl >= 0;
        bowl = queues.dirty.take().orElse(-1)) {
      wash(kitchen, log, queues, bowl);
    }
    return log;
  }

  // ---- Shared by every form ----

  /** Makes one salad in {@code bowl}; the bowl goes dirty whether the salad worked or not. */
  private void makeSalad(Kitchen kitchen, LaneLog log, Queues queues, int order, int bowl) {
    long taken = nanoTime.getAsLong();
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("order", order);
    input.put("bowl", bowl);
    input.put("passes", bar.saladPasses());
    try {
      Stage.call(log, kitchen, nanoTime, "make salad", Span.Subject.ORDER, order, "salad", input);
      log.served(order, queues.arrival, nanoTime.getAsLong());
    } catch (RuntimeException e) {
      log.failed(order, queues.arrival, nanoTime.getAsLong(), Stage.reason(e));
    }
    log.held(new Hold("bowl " + bowl, kitchen.lane(), order, taken, nanoTime.getAsLong()));
    queues.dirty.put(bowl);
  }

  /** Washes one bowl; it goes back clean even when washing failed, or the shop would run dry. */
  private void wash(Kitchen kitchen, LaneLog log, Queues queues, int bowl) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("bowl", bowl);
    input.put("passes", bar.washPasses());
    try {
      Stage.call(log, kitchen, nanoTime, "wash bowl", Span.Subject.BOWL, bowl, "wash", input);
    } catch (RuntimeException e) {
      // Logged with its span; the bowl still goes back.
    }
    queues.clean.put(bowl);
  }

  /** The last maker to finish tells the washer no more dirty bowls will come. */
  private static void doneMaking(Queues queues, AtomicInteger makersAtWork) {
    if (makersAtWork.decrementAndGet() == 0) {
      queues.dirty.close();
    }
  }

  /** The queues of one run, and how the run's figures are gathered from them. */
  private final class Queues {
    final long arrival = nanoTime.getAsLong();
    final PipeQueue<Integer> orders = PipeQueue.unbounded("orders", nanoTime);
    final PipeQueue<Integer> clean = PipeQueue.unbounded("clean bowls", nanoTime);
    final PipeQueue<Integer> dirty = PipeQueue.unbounded("dirty bowls", nanoTime);

    Queues() {
      for (int order = 1; order <= bar.orders(); order++) {
        orders.put(order);
      }
      orders.close();
      for (int bowl = 1; bowl <= bar.bowls(); bowl++) {
        clean.put(bowl);
      }
    }

    MenuRun finish(StrategyKind strategy, List<LaneLog> logs) {
      QueueTrace shelf = clean.trace();
      return MenuRun.of(
          Menu.SALADS,
          strategy,
          bar.orders(),
          arrival,
          nanoTime.getAsLong(),
          logs,
          List.of(orders.trace(), shelf, dirty.trace()),
          Map.of(
              "bowls", (long) bar.bowls(),
              "staff", (long) bar.staff(),
              "maxBowlsInUse", (long) (bar.bowls() - shelf.minDepthAfterStart())));
    }
  }
}

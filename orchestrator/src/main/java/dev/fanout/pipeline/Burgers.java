package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Concurrent Burgers, run by lanes that block (threads, virtual threads, worker JVMs), by one event
 * loop, or by one worker doing one thing at a time. The stages are the article's three loops; the
 * grill cooks on its own (non-blocking requests to the origin), as a disk or a network would.
 */
public final class Burgers implements Restaurant {
  static final String TAKER = "order taker";
  static final String COOK = "cook";
  static final String MAKER = "burger maker";

  private final BurgerShop shop;
  private final LongSupplier nanoTime;

  public Burgers(BurgerShop shop, LongSupplier nanoTime) {
    this.shop = shop;
    this.nanoTime = nanoTime;
  }

  /** An order taken, with when its customer arrived. */
  record Order(int number, long arrival, JsonNode taken) {}

  /** A patty off the grill: cooked, or failed with a reason. */
  record Patty(int number, JsonNode cooked, String error, Span cooking) {}

  @Override
  public Map<String, Integer> laneWidths() {
    Map<String, Integer> widths = new LinkedHashMap<>();
    widths.put(TAKER, 1);
    widths.put(COOK, shop.grill()); // the grill's positions cook at once
    widths.put(MAKER, 1);
    return widths;
  }

  @Override
  public List<Map.Entry<String, JsonNode>> warmUpCalls() {
    ObjectNode order = JsonNodeFactory.instance.objectNode();
    order.put("order", 1).put("customer", 1).put("burger", "cheeseburger");
    ObjectNode patty = JsonNodeFactory.instance.objectNode();
    patty.put("patty", 1).put("cookedMillis", 0);
    ObjectNode burger = JsonNodeFactory.instance.objectNode();
    burger.set("order", order);
    burger.set("patty", patty);
    List<Map.Entry<String, JsonNode>> calls = new ArrayList<>();
    calls.add(Map.entry("order", customer(1)));
    calls.add(Map.entry("burger", burger));
    if (shop.origin() != null) {
      // The grill too, cooking nothing: its connections to the origin open before the clock.
      calls.add(Map.entry("grill", grillInput(1, 0)));
    }
    return calls;
  }

  /** The three stages, each on a blocking lane of its own. */
  @Override
  public MenuRun runOnLanes(StrategyKind strategy, Lanes lanes) {
    Queues queues = new Queues();
    CompletableFuture<LaneLog> taker =
        lanes.start(TAKER, () -> takeOrders(lanes.kitchen(TAKER), queues));
    CompletableFuture<LaneLog> cook =
        lanes.start(COOK, () -> cook(lanes.kitchen(COOK, shop.grill()), queues));
    CompletableFuture<LaneLog> maker =
        lanes.start(MAKER, () -> makeBurgers(lanes.kitchen(MAKER), queues));
    return queues.finish(strategy, List.of(taker.join(), cook.join(), maker.join()));
  }

  /** One worker doing one thing at a time: take an order, cook its patty, make its burger. */
  @Override
  public MenuRun runInSequence(Kitchen kitchen) {
    Queues queues = new Queues();
    LaneLog log = new LaneLog();
    for (int customer = queues.customers.take().orElse(-1);
        customer >= 0;
        customer = queues.customers.take().orElse(-1)) {
      Order order = takeOrder(kitchen, log, customer, queues.arrival);
      if (order == null) {
        continue;
      }
      queues.orders.put(order);
      queues.orders.take();
      Patty patty = cookBlocking(kitchen, customer);
      log.span(patty.cooking());
      serve(kitchen, log, queues, order, patty);
    }
    return queues.finish(StrategyKind.SEQUENTIAL, List.of(log));
  }

  /** The three stages on one event loop: every wait is a future, none blocks the loop. */
  @Override
  public MenuRun runOnLoop(Kitchen kitchen, Executor loop) {
    Queues queues = new Queues();
    BurgersOnLoop stages = new BurgersOnLoop(this, kitchen, loop, queues);
    return queues.finish(StrategyKind.ASYNC, stages.run());
  }

  // ---- The stages, blocking ----

  private LaneLog takeOrders(Kitchen kitchen, Queues queues) {
    LaneLog log = new LaneLog();
    for (int customer = queues.customers.take().orElse(-1);
        customer >= 0;
        customer = queues.customers.take().orElse(-1)) {
      Order order = takeOrder(kitchen, log, customer, queues.arrival);
      if (order != null) {
        queues.orders.put(order); // waits while five orders are open
      }
    }
    queues.orders.close();
    return log;
  }

  /** Keeps the grill full: a new patty on as each cooked one comes off, until all are cooked. */
  private LaneLog cook(Kitchen kitchen, Queues queues) {
    LaneLog log = new LaneLog();
    PipeQueue<Patty> offTheGrill = PipeQueue.unbounded("off the grill", nanoTime);
    Grill grill = new Grill(kitchen, offTheGrill, Runnable::run);
    int next = 1;
    for (; next <= Math.min(shop.grill(), shop.orders()); next++) {
      grill.cook(next);
    }
    for (int cooked = 0; cooked < shop.orders(); cooked++) {
      Patty patty = offTheGrill.take().orElseThrow();
      log.span(patty.cooking());
      grill.free(patty);
      queues.cooked.put(patty);
      if (next <= shop.orders()) {
        grill.cook(next++);
      }
    }
    queues.cooked.close();
    return log;
  }

  private LaneLog makeBurgers(Kitchen kitchen, Queues queues) {
    LaneLog log = new LaneLog();
    for (Order order = queues.orders.take().orElse(null);
        order != null;
        order = queues.orders.take().orElse(null)) {
      Patty patty = queues.cooked.take().orElse(null);
      serve(kitchen, log, queues, order, patty);
    }
    return log;
  }

  // ---- Shared by every form ----

  /** Takes a customer's order; null when it failed (the customer is told, and goes). */
  Order takeOrder(Kitchen kitchen, LaneLog log, int customer, long arrival) {
    try {
      JsonNode taken =
          Stage.call(
              log,
              kitchen,
              nanoTime,
              "take order",
              Span.Subject.ORDER,
              customer,
              "order",
              customer(customer));
      return new Order(customer, arrival, taken);
    } catch (RuntimeException e) {
      log.failed(customer, arrival, nanoTime.getAsLong(), Stage.reason(e));
      return null;
    }
  }

  /** Makes the burger and serves it, or fails the order; either way its slot frees. */
  void serve(Kitchen kitchen, LaneLog log, Queues queues, Order order, Patty patty) {
    try {
      if (patty == null || patty.error() != null) {
        log.failed(
            order.number(),
            order.arrival(),
            nanoTime.getAsLong(),
            patty == null ? "no patty came off the grill" : "its patty: " + patty.error());
        return;
      }
      Stage.call(
          log,
          kitchen,
          nanoTime,
          "make burger",
          Span.Subject.ORDER,
          order.number(),
          "burger",
          burger(order, patty));
      log.served(order.number(), order.arrival(), nanoTime.getAsLong());
    } catch (RuntimeException e) {
      log.failed(order.number(), order.arrival(), nanoTime.getAsLong(), Stage.reason(e));
    } finally {
      queues.orders.release();
    }
  }

  private Patty cookBlocking(Kitchen kitchen, int number) {
    long start = nanoTime.getAsLong();
    try {
      JsonNode cooked = kitchen.call("grill", grillInput(number));
      return new Patty(number, cooked, null, grillSpan(1, number, start, null));
    } catch (RuntimeException e) {
      String reason = Stage.reason(e);
      return new Patty(number, null, reason, grillSpan(1, number, start, reason));
    }
  }

  Span grillSpan(int position, int patty, long start, String error) {
    return new Span(
        "cook",
        "grill " + position,
        Span.Subject.PATTY,
        patty,
        start,
        nanoTime.getAsLong(),
        -1,
        error);
  }

  ObjectNode grillInput(int patty) {
    return grillInput(patty, shop.cook().toMillis());
  }

  private ObjectNode grillInput(int patty, long cookMillis) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("patty", patty);
    input.put("url", shop.grillUrl(patty, cookMillis));
    return input;
  }

  static ObjectNode customer(int customer) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("customer", customer);
    return input;
  }

  static ObjectNode burger(Order order, Patty patty) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.set("order", order.taken());
    input.set("patty", patty.cooked());
    return input;
  }

  BurgerShop shop() {
    return shop;
  }

  LongSupplier nanoTime() {
    return nanoTime;
  }

  /**
   * The grill: {@code shop.grill()} positions, each cooking one patty on its own (a non-blocking
   * request); a cooked patty lands in {@code offTheGrill} with the span of its cooking.
   */
  final class Grill {
    private final Kitchen kitchen;
    private final PipeQueue<Patty> offTheGrill;
    private final Executor completions;
    private final ArrayDeque<Integer> freePositions = new ArrayDeque<>();
    private final Map<Integer, Integer> positionOf = new HashMap<>();

    Grill(Kitchen kitchen, PipeQueue<Patty> offTheGrill, Executor completions) {
      this.kitchen = kitchen;
      this.offTheGrill = offTheGrill;
      this.completions = completions;
      for (int position = 1; position <= shop.grill(); position++) {
        freePositions.add(position);
      }
    }

    /** Puts patty {@code number} on a free position; it comes off into the queue when cooked. */
    CompletableFuture<Patty> cook(int number) {
      int position = freePositions.remove();
      positionOf.put(number, position);
      long start = nanoTime.getAsLong();
      return kitchen
          .callAsync("grill", grillInput(number), completions)
          .handleAsync(
              (cooked, failure) -> {
                String error = failure == null ? null : Stage.reason(failure);
                Patty patty =
                    new Patty(number, cooked, error, grillSpan(position, number, start, error));
                offTheGrill.put(patty);
                return patty;
              },
              completions);
    }

    /** The patty is off the grill: its position takes the next one. */
    void free(Patty patty) {
      freePositions.add(positionOf.remove(patty.number()));
    }
  }

  /** The queues of one run, and how the run's figures are gathered from them. */
  final class Queues {
    final long arrival = nanoTime.getAsLong();
    final PipeQueue<Integer> customers = PipeQueue.unbounded("customers", nanoTime);
    final PipeQueue<Order> orders = PipeQueue.holding("open orders", shop.openOrders(), nanoTime);
    final PipeQueue<Patty> cooked = PipeQueue.unbounded("cooked patties", nanoTime);

    Queues() {
      for (int customer = 1; customer <= shop.orders(); customer++) {
        customers.put(customer);
      }
      customers.close();
    }

    MenuRun finish(StrategyKind strategy, List<LaneLog> logs) {
      QueueTrace open = orders.trace();
      return MenuRun.of(
          Menu.BURGERS,
          strategy,
          shop.orders(),
          arrival,
          nanoTime.getAsLong(),
          logs,
          List.of(customers.trace(), open, cooked.trace()),
          Map.of(
              "maxOpenOrders", (long) open.maxDepth(),
              "grill", (long) shop.grill(),
              "cookMillis", shop.cook().toMillis()));
    }
  }
}

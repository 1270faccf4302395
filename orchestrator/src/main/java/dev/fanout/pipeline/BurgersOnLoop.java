package dev.fanout.pipeline;

import dev.fanout.pipeline.Burgers.Order;
import dev.fanout.pipeline.Burgers.Patty;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Concurrent Burgers as asyncio runs it: the three stages are loops of futures on ONE thread; each
 * wait (a customer, an open-order slot, a cooked patty, the grill) gives the loop to the others.
 * Everything here runs on the loop, so nothing here needs a lock.
 */
final class BurgersOnLoop {
  private final Burgers burgers;
  private final Kitchen kitchen;
  private final Executor loop;
  private final Burgers.Queues queues;
  private final LaneLog takerLog = new LaneLog();
  private final LaneLog cookLog = new LaneLog();
  private final LaneLog makerLog = new LaneLog();

  BurgersOnLoop(Burgers burgers, Kitchen kitchen, Executor loop, Burgers.Queues queues) {
    this.burgers = burgers;
    this.kitchen = kitchen;
    this.loop = loop;
    this.queues = queues;
  }

  List<LaneLog> run() {
    CompletableFuture<Void> taker = AsyncSteps.repeat(this::takeOneOrder, loop);
    CompletableFuture<Void> cook = cook();
    CompletableFuture<Void> maker = AsyncSteps.repeat(this::makeOneBurger, loop);
    CompletableFuture.allOf(taker, cook, maker).join();
    return List.of(takerLog, cookLog, makerLog);
  }

  private CompletableFuture<Boolean> takeOneOrder() {
    return queues
        .customers
        .takeAsync(loop)
        .thenComposeAsync(
            customer -> {
              if (customer.isEmpty()) {
                queues.orders.close();
                return CompletableFuture.completedFuture(false);
              }
              int number = customer.get();
              return Stage.callAsync(
                      takerLog,
                      kitchen,
                      loop,
                      burgers.nanoTime(),
                      "take order",
                      number,
                      "order",
                      Burgers.customer(number))
                  .handleAsync(
                      (taken, failure) -> {
                        if (failure != null) {
                          takerLog.failed(
                              number,
                              queues.arrival,
                              burgers.nanoTime().getAsLong(),
                              Stage.reason(failure));
                          return CompletableFuture.completedFuture(true);
                        }
                        return queues
                            .orders
                            .putAsync(new Order(number, queues.arrival, taken), loop)
                            .thenApplyAsync(put -> true, loop);
                      },
                      loop)
                  .thenComposeAsync(next -> next, loop);
            },
            loop);
  }

  /** The grill kept full: a new patty on as each cooked one comes off, until all are cooked. */
  private CompletableFuture<Void> cook() {
    int orders = burgers.shop().orders();
    PipeQueue<Patty> offTheGrill = PipeQueue.unbounded("off the grill", burgers.nanoTime());
    Burgers.Grill grill = burgers.new Grill(kitchen, offTheGrill, loop);
    int[] next = {1};
    int[] cooked = {0};
    loop.execute(
        () -> {
          for (; next[0] <= Math.min(burgers.shop().grill(), orders); next[0]++) {
            grill.cook(next[0]);
          }
        });
    return AsyncSteps.repeat(
            () ->
                offTheGrill
                    .takeAsync(loop)
                    .thenComposeAsync(
                        taken -> {
                          Patty patty = taken.orElseThrow();
                          cookLog.span(patty.cooking());
                          grill.free(patty);
                          cooked[0]++;
                          if (next[0] <= orders) {
                            grill.cook(next[0]++);
                          }
                          return queues
                              .cooked
                              .putAsync(patty, loop)
                              .thenApplyAsync(put -> cooked[0] < orders, loop);
                        },
                        loop),
            loop)
        .thenRunAsync(queues.cooked::close, loop);
  }

  private CompletableFuture<Boolean> makeOneBurger() {
    return queues
        .orders
        .takeAsync(loop)
        .thenComposeAsync(
            taken -> {
              if (taken.isEmpty()) {
                return CompletableFuture.completedFuture(false);
              }
              Order order = taken.get();
              return queues
                  .cooked
                  .takeAsync(loop)
                  .thenComposeAsync(patty -> serve(order, patty.orElse(null)), loop);
            },
            loop);
  }

  private CompletableFuture<Boolean> serve(Order order, Patty patty) {
    long now = burgers.nanoTime().getAsLong();
    if (patty == null || patty.error() != null) {
      makerLog.failed(
          order.number(),
          order.arrival(),
          now,
          patty == null ? "no patty came off the grill" : "its patty: " + patty.error());
      queues.orders.release();
      return CompletableFuture.completedFuture(true);
    }
    return Stage.callAsync(
            makerLog,
            kitchen,
            loop,
            burgers.nanoTime(),
            "make burger",
            order.number(),
            "burger",
            Burgers.burger(order, patty))
        .handleAsync(
            (burger, failure) -> {
              long done = burgers.nanoTime().getAsLong();
              if (failure == null) {
                makerLog.served(order.number(), order.arrival(), done);
              } else {
                makerLog.failed(order.number(), order.arrival(), done, Stage.reason(failure));
              }
              queues.orders.release();
              return true;
            },
            loop);
  }
}

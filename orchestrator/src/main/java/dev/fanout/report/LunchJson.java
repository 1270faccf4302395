package dev.fanout.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.pipeline.Delivery;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.QueueTrace;
import dev.fanout.pipeline.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lunch as JSON: {@code {"machine":{..},"settings":{..},"runs":[..]}}, one run per menu and
 * strategy with its figures, its menu's facts, each queue's depths and one item per order. Times
 * are ms since the run's doors opened. Fields are only ever added, never renamed.
 */
public final class LunchJson {
  private LunchJson() {}

  public static ObjectNode render(List<List<MenuFigures>> menus, ObjectNode settings) {
    ObjectNode root = JsonReport.mapper().createObjectNode();
    root.set("machine", JsonReport.machine());
    root.set("settings", settings);
    ArrayNode runs = root.putArray("runs");
    for (List<MenuFigures> menu : menus) {
      for (MenuFigures figures : menu) {
        runs.add(run(figures));
      }
    }
    return root;
  }

  private static ObjectNode run(MenuFigures figures) {
    MenuRun run = figures.run();
    ObjectNode node = JsonReport.mapper().createObjectNode();
    node.put("menu", run.menu())
        .put("strategy", run.strategy().label())
        .put("orders", run.orders())
        .put("served", run.served())
        .put("failed", run.failed())
        .put("wallMillis", round(run.wallMillis()))
        .put("throughputPerSecond", round(figures.throughputPerSecond()))
        .put("boundPerSecond", round(figures.boundPerSecond()))
        .put("efficiency", round(figures.efficiency()))
        .put("lanes", figures.lanes())
        .put("maxParallelLanes", figures.maxParallelLanes());
    MenuFigures.Latency latency = figures.latencyMillis();
    node.putObject("latencyMillis")
        .put("p50", round(latency.p50()))
        .put("p95", round(latency.p95()))
        .put("max", round(latency.max()));
    ObjectNode depths = node.putObject("maxQueueDepth");
    figures.maxQueueDepth().forEach(depths::put);
    run.facts().forEach(node::put);
    ObjectNode busy = node.putObject("busyMillis");
    figures.busyMillis().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(LaneNames.NATURAL))
        .forEach(lane -> busy.put(lane.getKey(), round(lane.getValue())));
    ObjectNode queues = node.putObject("queues");
    for (QueueTrace trace : run.queues()) {
      ArrayNode samples = queues.putArray(trace.queue());
      for (QueueTrace.Sample sample : trace.samples()) {
        samples.addArray().add(round(millis(run, sample.nanos()))).add(sample.depth());
      }
    }
    if (!run.deliveries().isEmpty()) {
      ArrayNode deliveries = node.putArray("deliveries");
      for (Delivery delivery : run.deliveries()) {
        deliveries
            .addObject()
            .put("stage", delivery.stage())
            .put("order", delivery.order())
            .put("receiveCount", delivery.receiveCount())
            .put("sentMillis", round(millis(run, delivery.sentNanos())))
            .put("invokedMillis", round(millis(run, delivery.invokedNanos())))
            .put("endedMillis", round(millis(run, delivery.endedNanos())))
            .put("requestId", delivery.requestId())
            .put("outcome", delivery.returned() ? "returned" : "deleted");
      }
    }
    ArrayNode items = node.putArray("items");
    Map<Integer, Set<String>> lanes = lanesByOrder(run);
    Map<Integer, List<Span>> work = workByOrder(run);
    for (OrderOutcome outcome : run.outcomes()) {
      ObjectNode item =
          items
              .addObject()
              .put("order", outcome.order())
              .put("arrivalMillis", round(millis(run, outcome.arrivalNanos())))
              .put(
                  outcome.served() ? "servedMillis" : "failedMillis",
                  round(millis(run, outcome.doneNanos())));
      ArrayNode itemLanes = item.putArray("lanes");
      lanes.getOrDefault(outcome.order(), Set.of()).forEach(itemLanes::add);
      if (!outcome.served()) {
        item.put("error", outcome.error());
      }
      ArrayNode pieces = item.putArray("work");
      for (Span span : work.getOrDefault(outcome.order(), List.of())) {
        ObjectNode piece =
            pieces
                .addObject()
                .put("stage", span.stage())
                .put("lane", span.lane())
                .put("startMillis", round(millis(run, span.startNanos())))
                .put("endMillis", round(millis(run, span.endNanos())));
        if (!span.ok()) {
          piece.put("error", span.error());
        }
      }
    }
    return node;
  }

  /** Each order's pieces of work in the order they began: on Lambda, one per delivery. */
  private static Map<Integer, List<Span>> workByOrder(MenuRun run) {
    Map<Integer, List<Span>> work = new LinkedHashMap<>();
    run.spans().stream()
        .filter(Span::forOrder)
        .sorted(Comparator.comparingLong(Span::startNanos))
        .forEach(span -> work.computeIfAbsent(span.number(), order -> new ArrayList<>()).add(span));
    return work;
  }

  /** The lanes that worked on each order (not on a patty or a bowl). */
  private static Map<Integer, Set<String>> lanesByOrder(MenuRun run) {
    Map<Integer, Set<String>> lanes = new LinkedHashMap<>();
    for (Span span : run.spans()) {
      if (span.forOrder()) {
        lanes.computeIfAbsent(span.number(), order -> new LinkedHashSet<>()).add(span.lane());
      }
    }
    return lanes;
  }

  private static double millis(MenuRun run, long nanos) {
    return (nanos - run.startNanos()) / 1e6;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}

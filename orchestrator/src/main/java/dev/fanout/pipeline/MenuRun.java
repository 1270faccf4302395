package dev.fanout.pipeline;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one menu's run under one strategy left behind, as measured: every order's outcome,
 * every piece of work with its lane, every queue's depths, every shared thing held. Figures are
 * derived from it, never kept beside it.
 *
 * @param startNanos when the doors opened (nanoTime); every other time is on the same clock
 * @param facts what only this menu knows, by name (e.g. {@code bowls}), for the reports
 * @param deliveries each message a stage's queue handed its function (on Lambda only)
 */
public record MenuRun(
    String menu,
    StrategyKind strategy,
    int orders,
    long startNanos,
    long endNanos,
    List<OrderOutcome> outcomes,
    List<Span> spans,
    List<QueueTrace> queues,
    List<Hold> holds,
    Map<String, Long> facts,
    List<Delivery> deliveries) {

  public MenuRun {
    outcomes = List.copyOf(outcomes);
    spans = List.copyOf(spans);
    queues = List.copyOf(queues);
    holds = List.copyOf(holds);
    facts = Map.copyOf(facts);
    deliveries = List.copyOf(deliveries);
  }

  /** A run with no deliveries: every run but a pipeline of functions fed by queues. */
  public MenuRun(
      String menu,
      StrategyKind strategy,
      int orders,
      long startNanos,
      long endNanos,
      List<OrderOutcome> outcomes,
      List<Span> spans,
      List<QueueTrace> queues,
      List<Hold> holds,
      Map<String, Long> facts) {
    this(
        menu,
        strategy,
        orders,
        startNanos,
        endNanos,
        outcomes,
        spans,
        queues,
        holds,
        facts,
        List.of());
  }

  /** A run from what its lanes logged: their orders, work and holds, gathered. */
  public static MenuRun of(
      Menu menu,
      StrategyKind strategy,
      int orders,
      long startNanos,
      long endNanos,
      List<LaneLog> logs,
      List<QueueTrace> queues,
      Map<String, Long> facts) {
    List<OrderOutcome> outcomes = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    List<Hold> holds = new ArrayList<>();
    for (LaneLog log : logs) {
      outcomes.addAll(log.finished());
      spans.addAll(log.spans());
      holds.addAll(log.holds());
    }
    return new MenuRun(
        menu.label(),
        strategy,
        orders,
        startNanos,
        endNanos,
        outcomes,
        spans,
        queues,
        holds,
        facts);
  }

  /** The same run with one more fact. */
  public MenuRun withFact(String name, long value) {
    Map<String, Long> more = new LinkedHashMap<>(facts);
    more.put(name, value);
    return new MenuRun(
        menu,
        strategy,
        orders,
        startNanos,
        endNanos,
        outcomes,
        spans,
        queues,
        holds,
        more,
        deliveries);
  }

  public double wallMillis() {
    return (endNanos - startNanos) / 1e6;
  }

  public long served() {
    return outcomes.stream().filter(OrderOutcome::served).count();
  }

  public long failed() {
    return outcomes.size() - served();
  }
}

package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.cloud.InstanceLanes;
import dev.fanout.cloud.Invocation;
import dev.fanout.cloud.LambdaInvoker;
import dev.fanout.cloud.ReportLine;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Cloud Coffees on Lambda: each order one invocation of the coffee function the moment it comes,
 * with no limit on orders in flight but the function's own concurrency (throttles retried and
 * counted, as the lambda strategy does). Instances appear with demand (a cold start: the REPORT
 * line's Init Duration), are reused while warm, are reclaimed after idling, and the complex order
 * is binned at the function's timeout.
 */
final class CoffeesOnLambda {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Errors after which the instance is gone: a timeout kills it, and so does a runtime exit. */
  private static final List<String> STOPS_INSTANCE =
      List.of("Sandbox.Timedout", "Runtime.ExitError");

  private final Coffees coffees;
  private final CoffeeCloud cloud;
  private final LongSupplier nanoTime;

  CoffeesOnLambda(Coffees coffees, CoffeeCloud cloud, LongSupplier nanoTime) {
    this.coffees = coffees;
    this.cloud = cloud;
    this.nanoTime = nanoTime;
  }

  MenuRun run() {
    String function = cloud.target().functionFor(Coffees.UNIT);
    int orders = coffees.waves().size();
    AtomicInteger throttles = new AtomicInteger();
    InstanceLanes lanes = new InstanceLanes();
    Coffees.Doors doors;
    QueueTrace sampled = null;
    int liveBefore = 0;
    try (ExecutorService callbacks =
            Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "lambda-callbacks"));
        // As many connections as orders: nothing here holds an order back.
        LambdaInvoker invoker =
            LambdaInvoker.create(
                cloud.target(), orders, callbacks, cloud.throttleDeadline(), nanoTime);
        InstanceSampler sampler =
            cloud.countsInstances()
                ? new InstanceSampler(cloud.liveInstances(), cloud.concurrency(), nanoTime)
                : null) {
      long base = nanoTime.getAsLong();
      doors =
          coffees.open(
              (order, arrival) ->
                  invoker
                      .invoke(function, order.input().toString(), throttles)
                      .handleAsync(
                          (invocation, error) ->
                              served(order, arrival, invocation, error, lanes, base),
                          callbacks));
      // Counted as the doors close, not after the client's shutdown: that takes seconds, in which
      // the last customers' idle instances may be reclaimed.
      if (sampler != null) {
        liveBefore = sampler.first();
        sampled = sampler.stop();
      }
    }
    MenuRun made = coffees.run(StrategyKind.LAMBDA, doors, List.of(), Map.of());
    long coldStarts =
        made.spans().stream().filter(span -> span.stage().equals(Coffees.COLD_START)).count();
    long timeouts = failedWith(made, "Sandbox.Timedout");
    long stopped = STOPS_INSTANCE.stream().mapToLong(type -> failedWith(made, type)).sum();
    QueueTrace instances = sampled != null ? sampled : fromReports(made, doors.openNanos());
    Map<String, Long> facts = coffees.waves().facts();
    facts.put("coldStarts", coldStarts);
    facts.put("timeouts", timeouts);
    facts.put("throttles", (long) throttles.get());
    facts.put("maxInstances", (long) instances.maxDepth());
    if (sampled != null) {
      // Every instance that started is still live, was stopped by a failure, or was reclaimed
      // while idle: each start is a cold start, so the reclaimed are what is left.
      int liveAfter = sampled.samples().getLast().depth();
      facts.put("reclaimed", Math.max(0, liveBefore + coldStarts - stopped - liveAfter));
    }
    if (cloud.idleTimeout() != null) {
      facts.put("idleTimeoutMillis", cloud.idleTimeout().toMillis());
    }
    return coffees.run(StrategyKind.LAMBDA, doors, List.of(instances), facts);
  }

  private static long failedWith(MenuRun run, String errorType) {
    return run.outcomes().stream()
        .filter(outcome -> !outcome.served() && outcome.error().startsWith(errorType + ":"))
        .count();
  }

  /**
   * One order's answer: its outcome, and its work on the instance inferred to have run it (a cold
   * start first when the REPORT line has an Init Duration). An order never invoked has no work.
   */
  private Coffees.Served served(
      CoffeeWaves.Order order,
      long arrival,
      Invocation invocation,
      Throwable failure,
      InstanceLanes lanes,
      long base) {
    long end = nanoTime.getAsLong();
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      String type =
          cause instanceof LambdaInvoker.ThrottledException ? "Throttled" : "InvokeFailed";
      return new Coffees.Served(
          new OrderOutcome(order.number(), arrival, end, type + ": " + cause.getMessage()),
          List.of());
    }
    String error = invocation.functionError() == null ? null : error(invocation);
    ReportLine report = invocation.report();
    boolean cold = report != null && report.coldStart();
    // The instance was busy from the answered attempt on, not while throttled attempts waited.
    long sent = invocation.answeredAttemptNanos();
    double start = (sent - base) / 1e6;
    double stop = (end - base) / 1e6;
    boolean stopsInstance =
        error != null && STOPS_INSTANCE.stream().anyMatch(type -> error.startsWith(type + ":"));
    String lane =
        stopsInstance ? lanes.assignLast(cold, start, stop) : lanes.assign(cold, start, stop);
    List<Span> spans = new ArrayList<>();
    long made = sent;
    if (cold) {
      made = Math.min(end, sent + Math.round(report.initMillis() * 1e6));
      spans.add(Coffees.span(Coffees.COLD_START, lane, order.number(), sent, made, null));
    }
    spans.add(Coffees.span(Coffees.MAKE, lane, order.number(), made, end, error));
    return new Coffees.Served(new OrderOutcome(order.number(), arrival, end, error), spans);
  }

  /**
   * A function error as one line, e.g. {@code Sandbox.Timedout: Task timed out after 3.00 seconds}:
   * the request id and timestamp that AWS and the local service put before the message are left
   * out, as the report names the order.
   */
  private static String error(Invocation invocation) {
    JsonNode payload;
    try {
      payload = JSON.readTree(invocation.payload());
    } catch (IOException e) {
      return invocation.functionError() + ": " + invocation.payload();
    }
    String type = payload.path("errorType").asText(invocation.functionError());
    String message = payload.path("errorMessage").asText(invocation.payload());
    String id = invocation.requestId();
    int at = id == null || id.isEmpty() ? -1 : message.indexOf(id);
    if (at >= 0) {
      message = message.substring(at + id.length()).replaceFirst("^\\s*(Error:)?\\s*", "");
    }
    return type + ": " + message;
  }

  /**
   * Instances as REPORT lines tell them, where nothing counts them: one more at each cold start,
   * one fewer when a failure stops one. Reclaims are not told, so idle instances never leave it.
   */
  private static QueueTrace fromReports(MenuRun run, long open) {
    record Change(long nanos, int delta) {}
    List<Change> changes = new ArrayList<>();
    for (Span span : run.spans()) {
      if (span.stage().equals(Coffees.COLD_START)) {
        changes.add(new Change(span.startNanos(), 1));
      }
    }
    for (OrderOutcome outcome : run.outcomes()) {
      if (!outcome.served()
          && STOPS_INSTANCE.stream().anyMatch(type -> outcome.error().startsWith(type + ":"))) {
        changes.add(new Change(outcome.doneNanos(), -1));
      }
    }
    changes.sort(Comparator.comparingLong(Change::nanos));
    QueueTrace trace = new QueueTrace(Coffees.INSTANCES, 0);
    trace.record(open, 0);
    int live = 0;
    for (Change change : changes) {
      live = Math.max(0, live + change.delta());
      trace.record(change.nanos(), live);
    }
    return trace.copy();
  }
}

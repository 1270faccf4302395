package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.cloud.InstanceLanes;
import dev.fanout.cloud.Invocation;
import dev.fanout.cloud.LambdaInvoker;
import dev.fanout.cloud.LambdaTarget;
import dev.fanout.cloud.Pricing;
import dev.fanout.cloud.ReportLine;
import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One Lambda invocation per task through the AWS SDK's async client, up to {@code workers} in
 * flight: the articles' cloud functions. Each task ends ok or failed with a reason; throttled
 * invocations are retried and counted, never lost or doubled.
 */
public record LambdaStrategy(
    LambdaTarget target, int workers, Duration throttleDeadline, LongSupplier nanoTime)
    implements Strategy {
  private static final ObjectMapper JSON = new ObjectMapper();

  public LambdaStrategy {
    if (workers < 1) {
      throw new IllegalArgumentException("lambda needs at least 1 worker, got " + workers);
    }
  }

  @Override
  public StrategyKind kind() {
    return StrategyKind.LAMBDA;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    String function = target.functionFor(workload.unit());
    AtomicInteger throttles = new AtomicInteger();
    InstanceLanes lanes = new InstanceLanes();
    Semaphore inFlight = new Semaphore(workers);
    List<CompletableFuture<TaskRecord>> tasks = new ArrayList<>(workload.size());
    long[] issueNanos = new long[workload.size()]; // written by this thread alone
    RunClock clock;
    double wall;
    try (ExecutorService callbacks =
            Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "lambda-callbacks"));
        LambdaInvoker invoker =
            LambdaInvoker.create(target, workers, callbacks, throttleDeadline, nanoTime)) {
      // The first invocations wait for instances to start (cold starts) unless some are warm.
      listener.starting(
          "Lambda instances for the first " + Math.min(workers, workload.size()) + " invocations",
          0,
          0);
      clock = new RunClock(nanoTime);
      for (int i = 0; i < workload.size(); i++) {
        int index = i;
        JsonNode input = workload.inputs().get(i);
        inFlight.acquireUninterruptibly();
        double start = clock.millis();
        long issuing = nanoTime.getAsLong();
        CompletableFuture<Invocation> sent = invoker.invoke(function, input.toString(), throttles);
        issueNanos[i] = nanoTime.getAsLong() - issuing;
        tasks.add(
            sent.handleAsync(
                (invocation, error) -> {
                  // The end is read before the slot is freed, so that no later task can
                  // start before this one ended: lanes then never overlap.
                  double end = clock.millis();
                  inFlight.release();
                  TaskRecord record =
                      record(index, input, invocation, error, start, end, clock, lanes);
                  listener.finished(record);
                  return record;
                },
                callbacks));
      }
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
      // Read before the client closes: shutting down its event loops takes seconds.
      wall = clock.millis();
    }
    List<TaskRecord> records = tasks.stream().map(CompletableFuture::join).toList();
    double cost =
        records.stream()
            .filter(task -> task.lambda() != null && task.lambda().billedMillis() != null)
            .mapToDouble(
                task ->
                    Pricing.invocation(
                        task.lambda().billedMillis(), task.lambda().memorySizeMB(), target.arm64()))
            .sum();
    return new RunResult(
        workload.name(),
        kind(),
        workers,
        workers,
        wall,
        List.of(),
        records,
        new RunResult.LambdaRun(target.label(), throttles.get(), cost, medianMillis(issueNanos)));
  }

  private static TaskRecord record(
      int index,
      JsonNode input,
      Invocation invocation,
      Throwable error,
      double start,
      double end,
      RunClock clock,
      InstanceLanes lanes) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException ? error.getCause() : error;
      String type =
          cause instanceof LambdaInvoker.ThrottledException ? "Throttled" : "InvokeFailed";
      return new TaskRecord(
          index,
          input,
          null,
          new TaskError(type, String.valueOf(cause.getMessage())),
          "none",
          start,
          end,
          null,
          null);
    }
    ReportLine report = invocation.report();
    boolean cold = report != null && report.coldStart();
    LambdaFacts facts =
        new LambdaFacts(
            invocation.requestId(),
            cold,
            report == null ? null : report.initMillis(),
            report == null ? null : report.durationMillis(),
            report == null ? null : report.billedMillis(),
            report == null ? null : report.memorySizeMB(),
            report == null ? null : report.maxMemoryMB(),
            invocation.attempts());
    // The instance was busy from the answered attempt on, not while throttled attempts waited.
    String lane = lanes.assign(cold, clock.millisAt(invocation.answeredAttemptNanos()), end);
    JsonNode payload = parse(invocation.payload());
    if (invocation.functionError() != null) {
      TaskError taskError =
          new TaskError(
              payload.path("errorType").asText("Unhandled"),
              payload.path("errorMessage").asText(invocation.payload()));
      return new TaskRecord(index, input, null, taskError, lane, start, end, null, facts);
    }
    return new TaskRecord(index, input, payload, null, lane, start, end, null, facts);
  }

  private static double medianMillis(long[] nanos) {
    if (nanos.length == 0) {
      return 0;
    }
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(payload);
    }
  }
}

package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.CpuTime;
import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.units.Deadline;
import dev.fanout.units.Unit;
import dev.fanout.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * One event-loop thread runs every piece of every task's code, as asyncio does: all tasks start at
 * once, waiting is non-blocking I/O or timers, and CPU work blocks the loop for everyone.
 */
public record AsyncStrategy(UnitCatalog catalog, LongSupplier nanoTime) implements Strategy {
  static final String LOOP_THREAD = "event-loop";

  @Override
  public String name() {
    return "async";
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    Unit<?, ?> unit = catalog.unit(workload.unit());
    RunClock clock = new RunClock(nanoTime);
    List<CompletableFuture<TaskRecord>> tasks = new ArrayList<>(workload.size());
    try (ExecutorService loop =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, LOOP_THREAD))) {
      for (int i = 0; i < workload.size(); i++) {
        tasks.add(task(unit, i, workload.inputs().get(i), loop, clock, listener));
      }
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
    }
    List<TaskRecord> records = tasks.stream().map(CompletableFuture::join).toList();
    boolean cpuBound = unit.kind() == dev.fanout.units.UnitKind.CPU;
    return new RunResult(
        workload.name(),
        name(),
        1,
        cpuBound ? 1 : workload.size(),
        clock.millis(),
        List.of(),
        records);
  }

  private static CompletableFuture<TaskRecord> task(
      Unit<?, ?> unit,
      int index,
      JsonNode input,
      Executor loop,
      RunClock clock,
      TaskListener listener) {
    CpuAccountingExecutor slices = new CpuAccountingExecutor(loop);
    double[] start = new double[1]; // touched only on the loop thread
    return CompletableFuture.supplyAsync(() -> start[0] = clock.millis(), slices)
        .thenComposeAsync(started -> unit.callAsync(input, Deadline.none(), slices), slices)
        .handleAsync(
            (output, error) -> {
              TaskRecord record =
                  new TaskRecord(
                      index,
                      input,
                      error == null ? output : null,
                      error == null ? null : TaskError.of(unwrap(error)),
                      Tasks.laneOf(Thread.currentThread()),
                      start[0],
                      clock.millis(),
                      slices.cpuMillis());
              listener.finished(record);
              return record;
            },
            slices);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Runs each slice of one task's code on the loop, adding up the CPU time it uses there. */
  private static final class CpuAccountingExecutor implements Executor {
    private final Executor loop;
    private long cpuNanos;
    private boolean measurable = true;

    CpuAccountingExecutor(Executor loop) {
      this.loop = loop;
    }

    @Override
    public void execute(Runnable slice) {
      loop.execute(
          () -> {
            long before = CpuTime.currentThreadNanos();
            try {
              slice.run();
            } finally {
              long after = CpuTime.currentThreadNanos();
              if (before < 0 || after < 0) {
                measurable = false;
              } else {
                cpuNanos += after - before;
              }
            }
          });
    }

    Double cpuMillis() {
      return measurable ? cpuNanos / 1e6 : null;
    }
  }
}

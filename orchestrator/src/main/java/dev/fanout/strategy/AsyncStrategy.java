package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitKind;
import dev.fanout.measure.CpuTime;
import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
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
 * once (or at most {@code maxInFlight} at a time, a new one as each ends, like a semaphore around
 * asyncio.gather), waiting is non-blocking I/O or timers, and CPU work blocks the loop for all: a
 * task with nothing to wait on runs from its start to its end when the loop reaches it, like a
 * coroutine with no await, so the others wait their turn before starting.
 */
public record AsyncStrategy(UnitCatalog catalog, int maxInFlight, LongSupplier nanoTime)
    implements Strategy {
  static final String LOOP_THREAD = "event-loop";

  public AsyncStrategy {
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must not be negative, got " + maxInFlight);
    }
  }

  /** Every task in flight at once. */
  public AsyncStrategy(UnitCatalog catalog, LongSupplier nanoTime) {
    this(catalog, 0, nanoTime);
  }

  @Override
  public StrategyKind kind() {
    return StrategyKind.ASYNC;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    Unit<?, ?> unit = catalog.unit(workload.unit());
    RunClock clock = new RunClock(nanoTime);
    int size = workload.size();
    int window = maxInFlight == 0 ? size : Math.min(maxInFlight, size);
    List<CompletableFuture<TaskRecord>> tasks = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      tasks.add(new CompletableFuture<>());
    }
    try (ExecutorService loop =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, LOOP_THREAD))) {
      Starter starter = new Starter(unit, workload, tasks, loop, clock, listener);
      loop.execute(
          () -> {
            for (int i = 0; i < window; i++) {
              starter.startNext();
            }
          });
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
    }
    List<TaskRecord> records = tasks.stream().map(CompletableFuture::join).toList();
    boolean cpuBound = unit.kind() == UnitKind.CPU;
    return new RunResult(
        workload.name(), kind(), 1, cpuBound ? 1 : window, clock.millis(), List.of(), records);
  }

  /** Starts tasks in order on the loop, the next one as each ends; touched only on the loop. */
  private static final class Starter {
    private final Unit<?, ?> unit;
    private final Workload workload;
    private final List<CompletableFuture<TaskRecord>> tasks;
    private final Executor loop;
    private final RunClock clock;
    private final TaskListener listener;
    private int next;

    Starter(
        Unit<?, ?> unit,
        Workload workload,
        List<CompletableFuture<TaskRecord>> tasks,
        Executor loop,
        RunClock clock,
        TaskListener listener) {
      this.unit = unit;
      this.workload = workload;
      this.tasks = tasks;
      this.loop = loop;
      this.clock = clock;
      this.listener = listener;
    }

    void startNext() {
      if (next >= workload.size()) {
        return;
      }
      int index = next++;
      task(unit, index, workload.inputs().get(index), loop, clock, listener)
          .thenAcceptAsync(
              record -> {
                tasks.get(index).complete(record);
                startNext();
              },
              loop);
    }
  }

  private static CompletableFuture<TaskRecord> task(
      Unit<?, ?> unit,
      int index,
      JsonNode input,
      Executor loop,
      RunClock clock,
      TaskListener listener) {
    CpuAccountingExecutor slices = new CpuAccountingExecutor(loop);
    if (unit.kind() == UnitKind.CPU) {
      // Like a coroutine with no await: once the loop reaches it, it runs to its end in one go.
      return CompletableFuture.supplyAsync(
          () -> {
            TaskRecord record = Tasks.runHere(unit, index, input, clock);
            listener.finished(record);
            return record;
          },
          loop);
    }
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

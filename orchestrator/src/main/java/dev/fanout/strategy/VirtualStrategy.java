package dev.fanout.strategy;

import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * A virtual thread per task: blocking code, but a blocked task parks its virtual thread instead of
 * holding a platform thread, so all tasks wait at once (or at most {@code maxInFlight}: a task
 * starts when a permit frees). CPU work still shares the carrier threads, one per core.
 */
public record VirtualStrategy(UnitCatalog catalog, int maxInFlight, LongSupplier nanoTime)
    implements Strategy {

  public VirtualStrategy {
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must not be negative, got " + maxInFlight);
    }
  }

  /** A thread per task, every one of them started at once. */
  public VirtualStrategy(UnitCatalog catalog, LongSupplier nanoTime) {
    this(catalog, 0, nanoTime);
  }

  @Override
  public StrategyKind kind() {
    return StrategyKind.VIRTUAL;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    var unit = catalog.unit(workload.unit());
    RunClock clock = new RunClock(nanoTime);
    int size = workload.size();
    int window = maxInFlight == 0 ? size : Math.min(maxInFlight, size);
    Semaphore permits = new Semaphore(Math.max(1, window));
    List<Future<TaskRecord>> futures = new ArrayList<>(size);
    try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < size; i++) {
        int index = i;
        // Taken before the thread starts, so that a task's start time is its real start.
        permits.acquireUninterruptibly();
        futures.add(
            perTask.submit(
                () -> {
                  try {
                    TaskRecord record =
                        Tasks.runHere(unit, index, workload.inputs().get(index), clock);
                    listener.finished(record);
                    return record;
                  } finally {
                    permits.release();
                  }
                }));
      }
    }
    return new RunResult(
        workload.name(), kind(), window, window, clock.millis(), List.of(), Futures.all(futures));
  }
}

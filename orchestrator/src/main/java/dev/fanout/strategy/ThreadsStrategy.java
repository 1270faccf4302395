package dev.fanout.strategy;

import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** A fixed pool of platform threads: the articles' ThreadPoolExecutor. */
public record ThreadsStrategy(UnitCatalog catalog, int workers, LongSupplier nanoTime)
    implements Strategy {

  public ThreadsStrategy {
    if (workers < 1) {
      throw new IllegalArgumentException("threads needs at least 1 worker, got " + workers);
    }
  }

  @Override
  public StrategyKind kind() {
    return StrategyKind.THREADS;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    var unit = catalog.unit(workload.unit());
    AtomicInteger threadNumber = new AtomicInteger();
    RunClock clock = new RunClock(nanoTime);
    List<Future<TaskRecord>> futures;
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            runnable -> new Thread(runnable, "thread-" + threadNumber.incrementAndGet()))) {
      futures =
          Futures.submitAll(
              pool,
              workload.size(),
              i -> {
                TaskRecord record = Tasks.runHere(unit, i, workload.inputs().get(i), clock);
                listener.finished(record);
                return record;
              });
    }
    return new RunResult(
        workload.name(), kind(), workers, workers, clock.millis(), List.of(), Futures.all(futures));
  }
}

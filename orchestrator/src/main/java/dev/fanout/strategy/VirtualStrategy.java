package dev.fanout.strategy;

import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.units.UnitCatalog;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * A virtual thread per task: blocking code, but a blocked task parks its virtual thread instead of
 * holding a platform thread, so all tasks wait at once. CPU work still shares the carrier threads,
 * one per core.
 */
public record VirtualStrategy(UnitCatalog catalog, LongSupplier nanoTime) implements Strategy {

  @Override
  public String name() {
    return "virtual";
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    var unit = catalog.unit(workload.unit());
    RunClock clock = new RunClock(nanoTime);
    List<Future<TaskRecord>> futures;
    try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
      futures =
          Futures.submitAll(
              perTask,
              workload.size(),
              i -> {
                TaskRecord record = Tasks.runHere(unit, i, workload.inputs().get(i), clock);
                listener.finished(record);
                return record;
              });
    }
    int size = workload.size();
    return new RunResult(
        workload.name(), name(), size, size, clock.millis(), List.of(), Futures.all(futures));
  }
}

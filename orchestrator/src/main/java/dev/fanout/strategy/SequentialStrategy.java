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
import java.util.function.LongSupplier;

/** One task after another on the calling thread: the articles' synchronous version. */
public record SequentialStrategy(UnitCatalog catalog, LongSupplier nanoTime) implements Strategy {

  @Override
  public StrategyKind kind() {
    return StrategyKind.SEQUENTIAL;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    var unit = catalog.unit(workload.unit());
    RunClock clock = new RunClock(nanoTime);
    List<TaskRecord> records = new ArrayList<>(workload.size());
    for (int i = 0; i < workload.size(); i++) {
      TaskRecord record = Tasks.runHere(unit, i, workload.inputs().get(i), clock);
      listener.finished(record);
      records.add(record);
    }
    return new RunResult(workload.name(), kind(), 1, 1, clock.millis(), List.of(), records);
  }
}

package dev.fanout.strategy;

import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;

/**
 * A way to run a workload's tasks. The set is closed: {@link StrategyKind} lists the kinds, {@link
 * Strategies#create} builds one of each, and the compiler holds the implementations to those below.
 * Every strategy runs the same unit code, and one contract test holds them all to the same outputs.
 */
public sealed interface Strategy
    permits SequentialStrategy,
        ThreadsStrategy,
        AsyncStrategy,
        VirtualStrategy,
        ProcessesStrategy,
        LambdaStrategy {

  StrategyKind kind();

  /**
   * Runs every task once. A failing task is recorded as failed and never stops the others; the
   * listener hears of each task as it ends.
   */
  RunResult run(Workload workload, TaskListener listener);
}

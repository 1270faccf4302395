package dev.fanout.strategy;

import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.plan.Workload;

/**
 * A way to run a workload's tasks. The set is closed: every strategy runs the same unit code, and
 * one contract test holds them all to the same outputs.
 */
public sealed interface Strategy
    permits SequentialStrategy,
        ThreadsStrategy,
        AsyncStrategy,
        VirtualStrategy,
        ProcessesStrategy,
        LambdaStrategy {

  String name();

  /**
   * Runs every task once. A failing task is recorded as failed and never stops the others; the
   * listener hears of each task as it ends.
   */
  RunResult run(Workload workload, TaskListener listener);
}

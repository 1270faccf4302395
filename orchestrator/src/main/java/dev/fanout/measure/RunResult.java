package dev.fanout.measure;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;

/**
 * One strategy's run of one workload.
 *
 * @param strategy which kind of strategy ran it (a value: a result knows no implementation)
 * @param workers how many tasks the strategy runs at once (1 for sequential and for the event
 *     loop's CPU work, the pool size for threads and processes, the task count for virtual)
 * @param concurrency how many tasks may be in flight at once (the task count for async)
 * @param wallMillis from the first task's dispatch to the last task's end; worker start-up excluded
 * @param startupMillis per worker JVM, from spawn to ready; empty for in-JVM strategies
 * @param tasks one record per task, in task-list order
 * @param lambda the lambda strategy's figures for the whole run; null for other strategies
 * @param coreShare the share of a core this JVM's threads got in probes around the run (just before
 *     and just after): 1 on an idle machine, less where other work shared the cores; null where it
 *     was not measured (a run completed from a journal, a JVM without thread CPU time)
 */
public record RunResult(
    String workload,
    StrategyKind strategy,
    int workers,
    int concurrency,
    double wallMillis,
    List<Double> startupMillis,
    List<TaskRecord> tasks,
    LambdaRun lambda,
    CoreShare coreShare) {

  public RunResult {
    startupMillis = List.copyOf(startupMillis);
    tasks = List.copyOf(tasks);
  }

  /** A run with no probe of the cores before it. */
  public RunResult(
      String workload,
      StrategyKind strategy,
      int workers,
      int concurrency,
      double wallMillis,
      List<Double> startupMillis,
      List<TaskRecord> tasks,
      LambdaRun lambda) {
    this(workload, strategy, workers, concurrency, wallMillis, startupMillis, tasks, lambda, null);
  }

  /** A run in the lab's own JVMs. */
  public RunResult(
      String workload,
      StrategyKind strategy,
      int workers,
      int concurrency,
      double wallMillis,
      List<Double> startupMillis,
      List<TaskRecord> tasks) {
    this(workload, strategy, workers, concurrency, wallMillis, startupMillis, tasks, null, null);
  }

  /** The same run with the share of a core its threads could get, probed just before it. */
  public RunResult withCoreShare(CoreShare share) {
    return new RunResult(
        workload, strategy, workers, concurrency, wallMillis, startupMillis, tasks, lambda, share);
  }

  /**
   * What a fan-out to Lambda adds to a run.
   *
   * @param target where the invocations went, e.g. "local emulation, up to 8 instances"
   * @param throttles invocations answered 429 and retried
   * @param costUsd the estimated price of the billed durations and requests
   * @param issueMillis the sending thread's time in the client per invocation (signing,
   *     marshalling, handing it to the connection), median: the invoker's own pace, which no
   *     instance limits; 0 where not measured
   */
  public record LambdaRun(String target, int throttles, double costUsd, double issueMillis) {
    public LambdaRun(String target, int throttles, double costUsd) {
      this(target, throttles, costUsd, 0);
    }
  }

  public long ok() {
    return tasks.stream().filter(TaskRecord::ok).count();
  }

  public long failed() {
    return tasks.size() - ok();
  }

  /** CPU time summed over the tasks that could be measured, or null when none could. */
  public Double cpuMillis() {
    return tasks.stream()
        .map(TaskRecord::cpuMillis)
        .filter(java.util.Objects::nonNull)
        .reduce(Double::sum)
        .orElse(null);
  }

  /** How many distinct lanes (threads, worker JVMs) ran tasks. */
  public long lanes() {
    return tasks.stream().map(TaskRecord::lane).distinct().count();
  }
}

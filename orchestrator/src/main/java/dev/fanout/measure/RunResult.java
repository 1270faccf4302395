package dev.fanout.measure;

import java.util.List;

/**
 * One strategy's run of one workload.
 *
 * @param workers how many tasks the strategy runs at once (1 for sequential and for the event
 *     loop's CPU work, the pool size for threads and processes, the task count for virtual)
 * @param concurrency how many tasks may be in flight at once (the task count for async)
 * @param wallMillis from the first task's dispatch to the last task's end; worker start-up excluded
 * @param startupMillis per worker JVM, from spawn to ready; empty for in-JVM strategies
 * @param tasks one record per task, in task-list order
 */
public record RunResult(
    String workload,
    String strategy,
    int workers,
    int concurrency,
    double wallMillis,
    List<Double> startupMillis,
    List<TaskRecord> tasks) {

  public RunResult {
    startupMillis = List.copyOf(startupMillis);
    tasks = List.copyOf(tasks);
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

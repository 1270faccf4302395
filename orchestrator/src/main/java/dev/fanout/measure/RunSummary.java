package dev.fanout.measure;

import dev.fanout.api.UnitKind;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A strategy's run of a workload with the figures that compare it to the others.
 *
 * @param run the run of median wall time among the repeats (the only run without repeats)
 * @param wallSamples the wall time of every repeat, in the order they ran
 * @param speedup sequential median wall time / this one, or null without a sequential run
 * @param limitMillis the physical limit: the shortest wall time this run could have had; null when
 *     no run measured the tasks' work alone (see {@link #of})
 * @param efficiency limit / wall time (1.0 = at the limit), at most 1.0; null without a limit
 */
public record RunSummary(
    RunResult run,
    List<Double> wallSamples,
    Double speedup,
    Double limitMillis,
    Double efficiency) {

  public RunSummary {
    wallSamples = List.copyOf(wallSamples);
  }

  /** Summarises runs on this machine's cores: Lambda's instances among them. */
  public static List<RunSummary> of(UnitKind kind, List<List<RunResult>> repeats, int cores) {
    return of(kind, repeats, cores, false);
  }

  /**
   * Summarises one workload's runs (all over the same task list), one list of repeats per strategy.
   *
   * <p>A task's work is the closest measure of the task alone, free of warm-up and of competition:
   * for CPU work the least CPU time it used in any run (the time it took on a thread that shared
   * the cores with others would count the others' turns too, and put the limit past the wall time),
   * or its time in a sequential run where no CPU time was measured; for I/O and waits the shortest
   * time it took in any run. When some task's CPU work was measured by no run (virtual threads and
   * Lambda measure none) the limit is unknown: null, rather than a guess.
   *
   * @param lambdaOnOwnCores whether the lambda strategy's instances run on machines of their own
   *     (AWS, another endpoint), so that its CPU work is limited by its invocations in flight
   */
  public static List<RunSummary> of(
      UnitKind kind, List<List<RunResult>> repeats, int cores, boolean lambdaOnOwnCores) {
    List<RunResult> medians = repeats.stream().map(RunSummary::median).toList();
    Optional<RunResult> sequential =
        medians.stream().filter(run -> run.strategy() == StrategyKind.SEQUENTIAL).findFirst();
    Optional<List<Double>> work = work(kind, repeats.stream().flatMap(List::stream).toList());
    List<RunSummary> summaries = new ArrayList<>();
    for (int i = 0; i < medians.size(); i++) {
      RunResult run = medians.get(i);
      int capacity =
          kind == UnitKind.CPU && !(lambdaOnOwnCores && run.strategy() == StrategyKind.LAMBDA)
              ? cores
              : run.concurrency();
      Double limit = work.map(w -> PhysicalLimit.millis(w, capacity)).orElse(null);
      Double speedup =
          sequential.map(seq -> seq.wallMillis() / Math.max(1e-3, run.wallMillis())).orElse(null);
      // With the work measured alone the limit cannot exceed the wall time but by the noise of
      // the measurements (CPU time read at the scheduler's granularity): never better than it.
      Double efficiency =
          limit == null ? null : Math.min(1.0, limit / Math.max(1e-3, run.wallMillis()));
      List<Double> walls = repeats.get(i).stream().map(RunResult::wallMillis).toList();
      summaries.add(new RunSummary(run, walls, speedup, limit, efficiency));
    }
    return summaries;
  }

  /**
   * The wall time past the physical limit, per task: what a task cost beyond its own work (the
   * strategy's hand-offs, the lab's records and journal, waits for a lane or a core); null without
   * a limit. For tasks that ask for no work (a nap of 0 ms) it is about the wall time per task.
   */
  public Double overheadMillisPerTask() {
    int tasks = run.tasks().size();
    return limitMillis == null || tasks == 0
        ? null
        : Math.max(0, run.wallMillis() - limitMillis) / tasks;
  }

  /** The fastest and slowest repeat, as a fraction of the median: the spread of the figure. */
  public double spread() {
    double min = wallSamples.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = wallSamples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return (max - min) / Math.max(1e-3, run.wallMillis());
  }

  private static RunResult median(List<RunResult> repeats) {
    List<RunResult> sorted =
        repeats.stream().sorted(Comparator.comparingDouble(RunResult::wallMillis)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Each succeeded task's work, as {@link #of} says; empty when some task's is unmeasured. */
  private static Optional<List<Double>> work(UnitKind kind, List<RunResult> runs) {
    List<Double> least = new ArrayList<>();
    List<Boolean> succeeded = new ArrayList<>();
    for (RunResult run : runs) {
      for (TaskRecord task : run.tasks()) {
        while (least.size() <= task.index()) {
          least.add(Double.MAX_VALUE);
          succeeded.add(false);
        }
        if (!task.ok()) {
          continue;
        }
        succeeded.set(task.index(), true);
        Double alone = alone(kind, run, task);
        if (alone != null) {
          least.set(task.index(), Math.min(least.get(task.index()), alone));
        }
      }
    }
    List<Double> work = new ArrayList<>();
    for (int i = 0; i < least.size(); i++) {
      if (!succeeded.get(i)) {
        continue;
      }
      if (least.get(i) == Double.MAX_VALUE) {
        return Optional.empty();
      }
      work.add(least.get(i));
    }
    return Optional.of(work);
  }

  /** What this run says of the task alone, or null when it says nothing. */
  private static Double alone(UnitKind kind, RunResult run, TaskRecord task) {
    if (kind != UnitKind.CPU) {
      return task.durationMillis();
    }
    if (task.cpuMillis() != null) {
      return task.cpuMillis();
    }
    return run.strategy() == StrategyKind.SEQUENTIAL ? task.durationMillis() : null;
  }
}

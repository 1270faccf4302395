package dev.fanout.measure;

import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitKind;
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
 * @param limitMillis the physical limit: the shortest wall time this run could have had
 * @param efficiency limit / wall time (1.0 = at the limit)
 */
public record RunSummary(
    RunResult run,
    List<Double> wallSamples,
    Double speedup,
    double limitMillis,
    double efficiency) {

  public RunSummary {
    wallSamples = List.copyOf(wallSamples);
  }

  /**
   * Summarises one workload's runs (all over the same task list), one list of repeats per strategy.
   * A task's work is the shortest time it took in any run: the closest measure of the task alone,
   * free of warm-up and of competition for the cores.
   */
  public static List<RunSummary> of(UnitKind kind, List<List<RunResult>> repeats, int cores) {
    List<RunResult> medians = repeats.stream().map(RunSummary::median).toList();
    Optional<RunResult> sequential =
        medians.stream().filter(run -> run.strategy() == StrategyKind.SEQUENTIAL).findFirst();
    List<Double> work = fastestPerTask(repeats.stream().flatMap(List::stream).toList());
    List<RunSummary> summaries = new ArrayList<>();
    for (int i = 0; i < medians.size(); i++) {
      RunResult run = medians.get(i);
      double limit = PhysicalLimit.millis(kind, work, run.concurrency(), cores);
      Double speedup =
          sequential.map(seq -> seq.wallMillis() / Math.max(1e-3, run.wallMillis())).orElse(null);
      double efficiency = limit / Math.max(1e-3, run.wallMillis());
      List<Double> walls = repeats.get(i).stream().map(RunResult::wallMillis).toList();
      summaries.add(new RunSummary(run, walls, speedup, limit, efficiency));
    }
    return summaries;
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

  private static List<Double> fastestPerTask(List<RunResult> runs) {
    List<Double> fastest = new ArrayList<>();
    for (RunResult run : runs) {
      for (TaskRecord task : run.tasks()) {
        if (!task.ok()) {
          continue;
        }
        while (fastest.size() <= task.index()) {
          fastest.add(Double.MAX_VALUE);
        }
        fastest.set(task.index(), Math.min(fastest.get(task.index()), task.durationMillis()));
      }
    }
    fastest.removeIf(millis -> millis == Double.MAX_VALUE);
    return fastest;
  }
}

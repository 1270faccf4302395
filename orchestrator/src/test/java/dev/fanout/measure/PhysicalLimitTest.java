package dev.fanout.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.api.UnitKind;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalLimitTest {

  @Test
  void cpu_isTotalWorkOverCoresWhenTasksAreEven() {
    List<Double> work = Collections.nCopies(20, 100.0);

    assertThat(PhysicalLimit.millis(UnitKind.CPU, work, 1, 2)).isEqualTo(1000.0);
    // The strategy's concurrency does not matter for CPU work: cores do.
    assertThat(PhysicalLimit.millis(UnitKind.CPU, work, 20, 2)).isEqualTo(1000.0);
  }

  @Test
  void cpu_isTheLongestTaskWhenOneDominates() {
    // fib(1..35)-like: the longest task is more than half of the total.
    List<Double> work = List.of(1.0, 2.0, 3.0, 60.0);

    assertThat(PhysicalLimit.millis(UnitKind.CPU, work, 4, 2)).isEqualTo(60.0);
  }

  @Test
  void io_isOneRoundTripPerWaveOfWorkers() {
    List<Double> work = Collections.nCopies(160, 100.0);

    assertThat(PhysicalLimit.millis(UnitKind.IO, work, 5, 2)).isEqualTo(3200.0);
    assertThat(PhysicalLimit.millis(UnitKind.IO, work, 160, 2)).isEqualTo(100.0);
    assertThat(PhysicalLimit.millis(UnitKind.IO, work, 1, 2)).isEqualTo(16000.0);
  }

  @Test
  void summary_takesEachTasksFastestTimeAndComputesSpeedup() {
    RunResult sequential = run("sequential", 1, 400, List.of(100.0, 100.0, 130.0, 100.0));
    RunResult threads = run("threads", 2, 250, List.of(120.0, 120.0, 100.0, 120.0));

    List<RunSummary> summaries =
        RunSummary.of(UnitKind.CPU, List.of(List.of(sequential), List.of(threads)), 2);

    assertThat(summaries.get(0).speedup()).isEqualTo(1.0);
    assertThat(summaries.get(1).speedup()).isEqualTo(1.6);
    assertThat(summaries.get(1).limitMillis()).isEqualTo(200.0);
    assertThat(summaries.get(1).efficiency()).isEqualTo(0.8);
    assertThat(summaries.get(0).efficiency()).isEqualTo(0.5);
  }

  @Test
  void summary_withoutSequential_hasNoSpeedupAndUsesItsOwnTasks() {
    RunResult threads = run("threads", 2, 250, List.of(100.0, 100.0, 100.0, 100.0));

    RunSummary summary = RunSummary.of(UnitKind.CPU, List.of(List.of(threads)), 2).get(0);

    assertThat(summary.speedup()).isNull();
    assertThat(summary.limitMillis()).isEqualTo(200.0);
  }

  @Test
  void summary_ofOneThreadsRun_takesTheTasksCpuTime_notTheirTurnsSharingTheCores() {
    // 6 threads on 2 cores: each task of 100 ms of CPU takes 300 ms of wall time, the others'
    // turns included. Counting those put the limit at 900 ms, past the run's 320 ms (281%).
    RunResult threads =
        run("threads", 6, 320, Collections.nCopies(6, 300.0), Collections.nCopies(6, 100.0));

    RunSummary summary = RunSummary.of(UnitKind.CPU, List.of(List.of(threads)), 2).get(0);

    assertThat(summary.limitMillis()).isEqualTo(300.0);
    assertThat(summary.efficiency()).isEqualTo(300.0 / 320).isLessThanOrEqualTo(1.0);
  }

  @Test
  void overheadPerTask_isTheWallPastTheLimitOverTheTasks() {
    RunResult sequential = run("sequential", 1, 400, Collections.nCopies(4, 90.0));
    RunResult threads = run("threads", 2, 250, Collections.nCopies(4, 100.0));

    List<RunSummary> summaries =
        RunSummary.of(UnitKind.CPU, List.of(List.of(sequential), List.of(threads)), 2);

    // Each task's work is 90 ms: 360 ms in all, at least 180 ms on 2 cores, whatever the strategy.
    assertThat(summaries.get(0).overheadMillisPerTask()).isEqualTo((400 - 180) / 4.0);
    assertThat(summaries.get(1).overheadMillisPerTask()).isEqualTo((250 - 180) / 4.0);
  }

  @Test
  void summary_withNoRunThatMeasuredCpuTime_hasNoLimit_ratherThanAGuess() {
    RunResult virtual = run("virtual", 6, 320, Collections.nCopies(6, 300.0), unmeasured(6));
    RunResult lambda = run("lambda", 16, 900, Collections.nCopies(6, 800.0), unmeasured(6));

    List<RunSummary> summaries =
        RunSummary.of(UnitKind.CPU, List.of(List.of(virtual), List.of(lambda)), 2);

    assertThat(summaries).allSatisfy(summary -> assertThat(summary.efficiency()).isNull());
    assertThat(summaries).allSatisfy(summary -> assertThat(summary.limitMillis()).isNull());
    assertThat(summaries)
        .allSatisfy(summary -> assertThat(summary.overheadMillisPerTask()).isNull());
  }

  @Test
  void summary_ofVirtualBesideSequential_takesTheWorkFromTheSequentialRun() {
    RunResult sequential = run("sequential", 1, 400, Collections.nCopies(4, 100.0));
    RunResult virtual = run("virtual", 4, 250, Collections.nCopies(4, 240.0), unmeasured(4));

    RunSummary summary =
        RunSummary.of(UnitKind.CPU, List.of(List.of(sequential), List.of(virtual)), 2).get(1);

    assertThat(summary.limitMillis()).isEqualTo(200.0);
    assertThat(summary.efficiency()).isEqualTo(0.8);
  }

  @Test
  void summary_ofLambdaOnMachinesOfItsOwn_limitsCpuWorkByItsInvocationsInFlight() {
    RunResult sequential = run("sequential", 1, 800, Collections.nCopies(8, 100.0));
    RunResult lambda = run("lambda", 8, 150, Collections.nCopies(8, 120.0), unmeasured(8));
    List<List<RunResult>> runs = List.of(List.of(sequential), List.of(lambda));

    assertThat(RunSummary.of(UnitKind.CPU, runs, 2, true).get(1).limitMillis()).isEqualTo(100.0);
    assertThat(RunSummary.of(UnitKind.CPU, runs, 2, false).get(1).limitMillis()).isEqualTo(400.0);
    assertThat(RunSummary.of(UnitKind.CPU, runs, 2, false).get(1).efficiency()).isEqualTo(1.0);
  }

  @Test
  void summary_ofRepeats_takesTheMedianRunAndKeepsEverySample() {
    RunResult fast = run("threads", 2, 200, List.of(100.0, 100.0));
    RunResult middle = run("threads", 2, 250, List.of(100.0, 100.0));
    RunResult slow = run("threads", 2, 400, List.of(100.0, 100.0));

    RunSummary summary =
        RunSummary.of(UnitKind.CPU, List.of(List.of(slow, fast, middle)), 2).get(0);

    assertThat(summary.run()).isSameAs(middle);
    assertThat(summary.wallSamples()).containsExactly(400.0, 200.0, 250.0);
    assertThat(summary.spread()).isEqualTo(0.8);
  }

  /** A run whose tasks each used all their time on a core of their own: CPU time = duration. */
  private static RunResult run(String strategy, int workers, double wall, List<Double> durations) {
    return run(strategy, workers, wall, durations, durations);
  }

  /** A run whose tasks took {@code durations}, using {@code cpu} (nulls: unmeasured). */
  private static RunResult run(
      String strategy, int workers, double wall, List<Double> durations, List<Double> cpu) {
    List<TaskRecord> tasks =
        java.util.stream.IntStream.range(0, durations.size())
            .mapToObj(
                i -> new TaskRecord(i, null, null, null, "lane", 0, durations.get(i), cpu.get(i)))
            .toList();
    return new RunResult("w", StrategyKind.of(strategy), workers, workers, wall, List.of(), tasks);
  }

  private static List<Double> unmeasured(int tasks) {
    return Collections.nCopies(tasks, (Double) null);
  }
}

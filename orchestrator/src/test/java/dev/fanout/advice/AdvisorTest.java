package dev.fanout.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvisorTest {

  /** A sequential sample of tasks of {@code millis} each, {@code cpu} of it on the CPU. */
  private static RunResult sample(int tasks, double millis, Double cpu) {
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      records.add(
          new TaskRecord(
              i,
              JsonNodeFactory.instance.objectNode(),
              JsonNodeFactory.instance.objectNode(),
              null,
              "main",
              i * millis,
              (i + 1) * millis,
              cpu));
    }
    return new RunResult("w", StrategyKind.SEQUENTIAL, 1, 1, tasks * millis, List.of(), records);
  }

  private static RunSummary run(String strategy, double wall, List<Double> startup, boolean fail) {
    return run(strategy, wall, List.of(wall), startup, fail);
  }

  private static RunSummary run(
      String strategy, double wall, List<Double> samples, List<Double> startup, boolean fail) {
    TaskRecord task =
        new TaskRecord(
            0,
            JsonNodeFactory.instance.objectNode(),
            null,
            fail ? new TaskError("FetchFailed", "x") : null,
            "thread-1",
            0,
            wall,
            null);
    RunResult result =
        new RunResult("w", StrategyKind.of(strategy), 1, 1, wall, startup, List.of(task));
    return new RunSummary(result, samples, null, wall, 1.0);
  }

  @Test
  void mostlyCpu_isCpuBound_andGetsThreadsOnAJvm() {
    Advice advice = Advisor.advise(sample(8, 10, 9.5), UnitKind.IO, 35, 2, 0);

    assertThat(advice.bound()).isEqualTo(Advice.Bound.CPU);
    assertThat(advice.strategy()).isEqualTo(StrategyKind.THREADS);
    assertThat(advice.cpuShare()).isEqualTo(0.95);
    assertThat(advice.reasons().getFirst())
        .contains("8 of 35 tasks")
        .contains("95% of the time on the CPU");
    assertThat(String.join(" ", advice.reasons()))
        .contains("no GIL")
        .contains("here it would share");
  }

  @Test
  void mostlyWaiting_isIoBound_andGetsVirtualThreads() {
    Advice advice = Advisor.advise(sample(8, 50, 0.5), UnitKind.CPU, 160, 2, 0);

    assertThat(advice.bound()).isEqualTo(Advice.Bound.IO);
    assertThat(advice.strategy()).isEqualTo(StrategyKind.VIRTUAL);
    assertThat(String.join(" ", advice.reasons())).contains("asyncio when you can");
  }

  @Test
  void cpuTimeRoundedPastWallTime_countsAsAllCpu() {
    Advice advice = Advisor.advise(sample(2, 10, 10.02), UnitKind.CPU, 2, 2, 0);

    assertThat(advice.reasons().getFirst()).contains("100% of the time on the CPU and 0% waiting");
  }

  @Test
  void theBoundary_isHalfTheTime() {
    assertThat(Advisor.advise(sample(2, 10, 5.0), UnitKind.IO, 2, 2, 0).bound())
        .isEqualTo(Advice.Bound.CPU);
    assertThat(Advisor.advise(sample(2, 10, 4.9), UnitKind.IO, 2, 2, 0).bound())
        .isEqualTo(Advice.Bound.IO);
  }

  @Test
  void withoutCpuTime_theDeclaredKindDecides() {
    Advice advice = Advisor.advise(sample(3, 10, null), UnitKind.CPU, 3, 2, 0);

    assertThat(advice.bound()).isEqualTo(Advice.Bound.CPU);
    assertThat(advice.cpuShare()).isNull();
    assertThat(advice.reasons().getFirst()).contains("declared kind (CPU)");
  }

  @Test
  void cpuWorkThatOutgrowsTheCores_goesToLambdaOnlyWhereLambdaHasCoresOfItsOwn() {
    // 1,000 tasks of 2 s: 1,000 s on 2 cores, about 21 s on 100 instances.
    assertThat(Advisor.advise(sample(4, 2000, 1990.0), UnitKind.CPU, 1000, 2, 100).strategy())
        .isEqualTo(StrategyKind.LAMBDA);
    assertThat(Advisor.advise(sample(4, 2000, 1990.0), UnitKind.CPU, 1000, 2, 0).strategy())
        .isEqualTo(StrategyKind.THREADS);
    // 35 tasks of 2 ms: a cold start alone costs more than the whole work on 2 cores.
    assertThat(Advisor.advise(sample(4, 2, 1.99), UnitKind.CPU, 35, 2, 100).strategy())
        .isEqualTo(StrategyKind.THREADS);
  }

  @Test
  void judge_wonTiedLostAndNotRun() {
    Advice threads = Advisor.advise(sample(2, 10, 10.0), UnitKind.CPU, 2, 2, 0);

    Verdict won =
        Advisor.judge(
            threads,
            List.of(
                run("sequential", 100, List.of(), false), run("threads", 50, List.of(), false)));
    assertThat(won.outcome()).isEqualTo(Verdict.Outcome.WON);
    assertThat(won.held()).isTrue();
    assertThat(won.describe()).contains("won").contains("50.0 ms");

    Verdict tied =
        Advisor.judge(
            threads,
            List.of(run("virtual", 48, List.of(), false), run("threads", 50, List.of(), false)));
    assertThat(tied.outcome()).isEqualTo(Verdict.Outcome.TIED);
    assertThat(tied.held()).isTrue();

    Verdict lost =
        Advisor.judge(
            threads,
            List.of(run("virtual", 20, List.of(), false), run("threads", 50, List.of(), false)));
    assertThat(lost.outcome()).isEqualTo(Verdict.Outcome.LOST);
    assertThat(lost.held()).isFalse();
    assertThat(lost.describe()).contains("2.5x faster");

    assertThat(Advisor.judge(threads, List.of(run("virtual", 20, List.of(), false))).outcome())
        .isEqualTo(Verdict.Outcome.NOT_RUN);
  }

  @Test
  void judge_callsItATieWhenTheRepeatsOverlap() {
    Advice virtual = Advisor.advise(sample(2, 10, 0.1), UnitKind.IO, 2, 2, 0);

    // Median 130 against 100 (30% slower), but virtual's best run beat async's worst.
    Verdict overlapping =
        Advisor.judge(
            virtual,
            List.of(
                run("async", 100, List.of(90.0, 100.0, 140.0), List.of(), false),
                run("virtual", 130, List.of(120.0, 130.0, 200.0), List.of(), false)));
    assertThat(overlapping.outcome()).isEqualTo(Verdict.Outcome.TIED);

    Verdict apart =
        Advisor.judge(
            virtual,
            List.of(
                run("async", 100, List.of(90.0, 100.0, 110.0), List.of(), false),
                run("virtual", 130, List.of(120.0, 130.0, 200.0), List.of(), false)));
    assertThat(apart.outcome()).isEqualTo(Verdict.Outcome.LOST);
  }

  @Test
  void judge_countsWorkerStartUpAndNeverCrownsARunWithFailures() {
    Advice threads = Advisor.advise(sample(2, 10, 10.0), UnitKind.CPU, 2, 2, 0);

    // processes' wall is shorter, but its workers took 400 ms to start.
    Verdict verdict =
        Advisor.judge(
            threads,
            List.of(
                run("processes", 30, List.of(400.0, 380.0), false),
                run("async", 1, List.of(), true),
                run("threads", 50, List.of(), false)));

    assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.WON);
    assertThat(Advisor.timeToResult(run("processes", 30, List.of(400.0, 380.0), false)))
        .isEqualTo(430.0);

    Verdict failed =
        Advisor.judge(
            threads,
            List.of(run("threads", 5, List.of(), true), run("virtual", 50, List.of(), false)));
    assertThat(failed.outcome()).isEqualTo(Verdict.Outcome.LOST);
    assertThat(failed.describe()).contains("tasks failed");

    assertThatThrownBy(() -> Advisor.judge(threads, List.of(run("threads", 5, List.of(), true))))
        .hasMessageContaining("no run without failures");
  }
}

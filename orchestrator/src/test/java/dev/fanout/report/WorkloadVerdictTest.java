package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadVerdictTest {
  private static RunSummary run(StrategyKind strategy, double wallMillis, boolean failed) {
    List<TaskRecord> tasks =
        failed
            ? List.of(
                new TaskRecord(
                    0,
                    JsonNodeFactory.instance.objectNode(),
                    null,
                    new TaskError("Boom", "it broke"),
                    "main",
                    0,
                    1,
                    null,
                    null))
            : List.of();
    return new RunSummary(
        new RunResult("fib", strategy, 1, 1, wallMillis, List.of(), tasks),
        List.of(wallMillis),
        null,
        null,
        null);
  }

  private static WorkloadReport report(UnitKind kind, RunSummary... runs) {
    return new WorkloadReport("fib", kind, 35, "article 2", List.of(runs), List.of());
  }

  @Test
  void theFastestWins_byItsRatioToTheNext_andToSequential_withWhyForItsKind() {
    WorkloadReport report =
        report(
            UnitKind.CPU,
            run(StrategyKind.SEQUENTIAL, 900, false),
            run(StrategyKind.THREADS, 300, false),
            run(StrategyKind.ASYNC, 880, false),
            run(StrategyKind.VIRTUAL, 450, false));

    assertThat(WorkloadVerdict.of(report, 2))
        .hasValue(
            "threads won in 300 ms, 1.5x faster than the next, virtual (3.0x sequential): CPU work"
                + " goes faster only on more cores at once (2 here), not by taking turns on one.");
  }

  @Test
  void twoWallsWithinTenPercent_areATie() {
    WorkloadReport report =
        report(
            UnitKind.IO,
            run(StrategyKind.ASYNC, 130, false),
            run(StrategyKind.VIRTUAL, 125, false));

    assertThat(WorkloadVerdict.of(report, 2).orElseThrow())
        .startsWith("virtual and async tied (125 ms and 130 ms, within 10%)")
        .endsWith("the more of them wait at once, the sooner all end.");
  }

  @Test
  void aRunWithFailedTasks_doesNotWin_andOneFinishedRunIsNoContest() {
    WorkloadReport report =
        report(
            UnitKind.IO,
            run(StrategyKind.VIRTUAL, 10, true),
            run(StrategyKind.THREADS, 200, false),
            run(StrategyKind.SEQUENTIAL, 800, false));

    assertThat(WorkloadVerdict.of(report, 2).orElseThrow()).startsWith("threads won in 200 ms");
    assertThat(
            WorkloadVerdict.of(
                report(
                    UnitKind.IO,
                    run(StrategyKind.VIRTUAL, 10, true),
                    run(StrategyKind.THREADS, 200, false)),
                2))
        .isEmpty();
  }
}

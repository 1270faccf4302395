package dev.fanout.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.UnitKind;
import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;

/**
 * Two workloads' runs made up for the reports' tests, with every kind of field a task can have: CPU
 * time or none, a failure, Lambda's REPORT figures with and without a cold start, worker JVMs.
 */
final class SmallRuns {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SmallRuns() {}

  static List<WorkloadReport> reports() {
    RunResult sequential =
        new RunResult(
            "fib",
            StrategyKind.SEQUENTIAL,
            1,
            1,
            12.5,
            List.of(),
            List.of(ok(0, "main", 0, 4.25, 4.0), ok(1, "main", 4.25, 12.5, 8.0)));
    RunResult processes =
        new RunResult(
            "fib",
            StrategyKind.PROCESSES,
            2,
            2,
            8.75,
            List.of(412.5, 126.0),
            List.of(
                ok(0, "pid 41", 0.5, 4.5, 3.75),
                new TaskRecord(
                    1,
                    JSON.objectNode().put("n", 2),
                    null,
                    new TaskError("WorkerDied", "the worker JVM \"pid 42\" died <mid-task>"),
                    "pid 42",
                    0.5,
                    8.75,
                    null)));
    RunResult lambda =
        new RunResult(
            "download",
            StrategyKind.LAMBDA,
            4,
            4,
            60.0,
            List.of(),
            List.of(
                lambdaTask(0, new LambdaFacts("req-0", true, 400.25, 20.5, 21.0, 1024, 120, 1)),
                lambdaTask(1, new LambdaFacts("req-1", false, null, 10.0, 11.0, null, null, 3))),
            new RunResult.LambdaRun("local emulation: up to 4 instances", 2, 0.000228, 1.5));
    RunResult virtual =
        new RunResult(
            "download",
            StrategyKind.VIRTUAL,
            2,
            2,
            51.0,
            List.of(),
            List.of(ok(0, "virtual-41", 0, 50.0, null), ok(1, "virtual-69", 0.5, 51.0, null)));
    return List.of(
        new WorkloadReport(
            "fib",
            UnitKind.CPU,
            2,
            "article 2: recursive fib(1..35)",
            RunSummary.of(UnitKind.CPU, List.of(List.of(sequential), List.of(processes)), 2),
            List.of("threads could not run: no threads")),
        new WorkloadReport(
            "download",
            UnitKind.IO,
            2,
            "article 1: two pages",
            RunSummary.of(UnitKind.IO, List.of(List.of(lambda), List.of(virtual, virtual)), 2),
            List.of()));
  }

  static ObjectNode settings() {
    return JSON.objectNode()
        .put("origin", "http://127.0.0.1:41235")
        .put("localOrigin", true)
        .put("latencyMs", 50)
        .put("warmup", true);
  }

  private static TaskRecord ok(int index, String lane, double start, double end, Double cpu) {
    return new TaskRecord(
        index,
        JSON.objectNode().put("n", index + 1),
        JSON.objectNode().put("n", index + 1).put("value", (long) index * 7).put("text", "a\"b"),
        null,
        lane,
        start,
        end,
        cpu);
  }

  private static TaskRecord lambdaTask(int index, LambdaFacts facts) {
    return new TaskRecord(
        index,
        JSON.objectNode().put("url", "http://127.0.0.1/pages/" + index),
        JSON.objectNode().put("bytes", 1024 + index),
        null,
        null,
        index * 5.0,
        index * 5.0 + 30.125,
        null,
        facts);
  }
}

package dev.fanout.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.api.UnitKind;
import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.WorkloadReport;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.List;

/** Runs made up for the report's tests: exact times, lanes and failures, chosen per test. */
final class Runs {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Runs() {}

  static JsonNode input(int i) {
    return JSON.objectNode().put("n", i);
  }

  static TaskRecord ok(int index, String lane, double start, double end, Double cpu) {
    return new TaskRecord(
        index, input(index), JSON.objectNode().put("value", index), null, lane, start, end, cpu);
  }

  static TaskRecord failed(int index, String lane, double start, double end, String message) {
    return new TaskRecord(
        index, input(index), null, new TaskError("FetchFailed", message), lane, start, end, null);
  }

  static TaskRecord lambda(
      int index, String lane, double start, double end, boolean cold, int attempts) {
    LambdaFacts facts =
        new LambdaFacts("req-" + index, cold, cold ? 400.0 : null, 50.0, 51.0, 1024, 120, attempts);
    return new TaskRecord(
        index,
        input(index),
        JSON.objectNode().put("value", index),
        null,
        lane,
        start,
        end,
        null,
        facts);
  }

  /** {@code tasks} tasks of {@code millis} each, round-robin over {@code lanes} lanes of a pool. */
  static RunResult pool(String strategy, int tasks, int lanes, double millis, Double cpuShare) {
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      int lane = i % lanes;
      double start = (i / lanes) * millis;
      records.add(
          ok(
              i,
              "thread-" + (lane + 1),
              start,
              start + millis,
              cpuShare == null ? null : cpuShare * millis));
    }
    return new RunResult(
        "download",
        StrategyKind.of(strategy),
        lanes,
        lanes,
        Math.ceil(tasks / (double) lanes) * millis,
        List.of(),
        records);
  }

  /**
   * Two tasks on two threads, the first failed with {@code message}, its lane named {@code lane}.
   */
  static RunResult withFailure(String lane, String message) {
    return new RunResult(
        "download",
        StrategyKind.THREADS,
        2,
        2,
        10,
        List.of(),
        List.of(failed(0, lane, 0, 5, message), ok(1, "thread-2", 0, 4, 1.0)));
  }

  /** Every task in flight at once on one lane, as on the event loop. */
  static RunResult loop(int tasks, double millis) {
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      records.add(ok(i, "event-loop", i * 0.01, i * 0.01 + millis, 0.1));
    }
    return new RunResult(
        "download", StrategyKind.ASYNC, 1, tasks, millis + tasks * 0.01, List.of(), records);
  }

  /** One virtual thread per task, all at once. */
  static RunResult virtual(int tasks, double millis) {
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      records.add(ok(i, "virtual-" + (1000 + i), i * 0.01, i * 0.01 + millis, null));
    }
    return new RunResult(
        "download", StrategyKind.VIRTUAL, tasks, tasks, millis + tasks * 0.01, List.of(), records);
  }

  /** Six runs of 10,000 downloads each, one per strategy, too many for a bar per task. */
  static List<RunResult> tenThousandTasksEach() {
    return List.of(
        pool("sequential", 10_000, 1, 2, 0.05),
        pool("threads", 10_000, 5, 2, 0.05),
        loop(10_000, 50),
        virtual(10_000, 50),
        pool("processes", 10_000, 2, 2, 0.05),
        pool("lambda", 10_000, 100, 2, null));
  }

  static WorkloadReport report(String workload, UnitKind kind, List<RunResult> runs) {
    List<List<RunResult>> repeats = runs.stream().map(List::of).toList();
    List<RunSummary> summaries = RunSummary.of(kind, repeats, 2);
    return new WorkloadReport(
        workload, kind, runs.getFirst().tasks().size(), "made up for a test", summaries, List.of());
  }

  static HtmlReport.Page page() {
    return new HtmlReport.Page(
        "fanout compare: download",
        "fanout compare --workload download",
        "generated 2026-01-02 03:04:05",
        List.of("machine: 2 cores"),
        List.of(),
        2);
  }
}

package dev.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.report.Journal;
import dev.fanout.report.JournalFile;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed run carries over from its journal and what it runs again. */
class ResumptionTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final JournalFile.RunKey KEY =
      new JournalFile.RunKey("fib", StrategyKind.THREADS, 1);

  @TempDir Path temp;

  @AfterEach
  void forget() {
    Journal.finished();
  }

  private static Workload fib(int tasks) {
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      inputs.add(JSON.objectNode().put("n", i + 1));
    }
    return new Workload("fib", inputs, 2, "test");
  }

  private static TaskRecord task(int index, double start, double end) {
    return new TaskRecord(
        index,
        JSON.objectNode().put("n", index + 1),
        JSON.objectNode(),
        null,
        "t",
        start,
        end,
        1.0);
  }

  private JournalFile journal(int... ended) {
    Path file = temp.resolve("j.jsonl");
    try (Journal journal =
        Journal.start(
            file, new Journal.Header("r", "compare", List.of("compare"), "t", "25", "dev"))) {
      for (int index : ended) {
        journal.listener("fib", StrategyKind.THREADS, 1).finished(task(index, index, index + 10));
      }
    }
    return JournalFile.read(file);
  }

  @Test
  void aNewRun_runsEveryTask() {
    Resumption fresh = Resumption.of(null, KEY, fib(4));

    assertThat(fresh.remaining().size()).isEqualTo(4);
    assertThat(fresh.carried()).isEmpty();
    assertThat(fresh.whole()).isEmpty();
  }

  @Test
  void tasksWithAnOutcome_areCarriedOver_andTheRestRunUnderTheirOwnIndices() {
    Resumption resumption = Resumption.of(journal(0, 2), KEY, fib(4));

    assertThat(resumption.carried()).containsOnlyKeys(0, 2);
    assertThat(resumption.remaining().inputs())
        .containsExactly(JSON.objectNode().put("n", 2), JSON.objectNode().put("n", 4));
    List<TaskRecord> told = new ArrayList<>();
    resumption.inOriginalIndices(told::add).finished(task(1, 0, 5));
    assertThat(told).extracting(TaskRecord::index).containsExactly(3);
  }

  @Test
  void theMergedRun_holdsEveryTaskOnce_theNewOnesAfterTheCarried() {
    Resumption resumption = Resumption.of(journal(0, 2), KEY, fib(4));
    RunResult rest =
        new RunResult(
            "fib", StrategyKind.THREADS, 2, 2, 7, List.of(), List.of(task(0, 1, 6), task(1, 2, 7)));

    RunResult merged = resumption.merged(rest);

    assertThat(merged.tasks()).extracting(TaskRecord::index).containsExactly(0, 1, 2, 3);
    // The carried tasks ended at 12: the new ones start after them.
    assertThat(merged.tasks().get(1).startMillis()).isEqualTo(13);
    assertThat(merged.tasks().get(3).endMillis()).isEqualTo(19);
    assertThat(merged.wallMillis()).isEqualTo(19);
  }

  @Test
  void aRunWhoseTasksAllEnded_butNotItsLine_isCarriedOverAsItsTasks() {
    Resumption resumption = Resumption.of(journal(0, 1), KEY, fib(2));

    assertThat(resumption.remaining().size()).isZero();
    RunResult carried = resumption.carriedOnly(StrategyKind.THREADS);
    assertThat(carried.tasks()).hasSize(2);
    assertThat(carried.wallMillis()).isEqualTo(11);
  }
}

package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's journal written and read back as --resume reads it. */
class JournalTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Journal.Header HEADER =
      new Journal.Header(
          "run-1",
          "compare",
          List.of("compare", "-w", "fib", "--tasks", "3"),
          "2026-12-03T17:00:00Z",
          "25",
          "development");
  private static final JournalFile.RunKey FIB_THREADS =
      new JournalFile.RunKey("fib", StrategyKind.THREADS, 1);

  @TempDir Path temp;

  @AfterEach
  void forget() {
    Journal.finished();
  }

  private static TaskRecord task(int index) {
    return new TaskRecord(
        index,
        JSON.objectNode().put("n", index + 1),
        JSON.objectNode().put("value", index),
        null,
        "threads-" + index,
        index * 10.0,
        index * 10.0 + 5,
        4.5);
  }

  @Test
  void aJournal_readsBackItsHeaderTasksAndRuns() throws Exception {
    Path file = temp.resolve("runs/j.jsonl");
    TaskRecord failed =
        new TaskRecord(
            2,
            JSON.objectNode().put("n", 3),
            null,
            new TaskError("InvokeFailed", "refused"),
            "instance-1",
            1,
            2,
            null,
            new LambdaFacts("req-1", true, 300.0, 12.5, 13.0, 1024, 120, 2));
    try (Journal journal = Journal.start(file, HEADER)) {
      TaskListener threads = journal.listener("fib", StrategyKind.THREADS, 1);
      threads.finished(task(0));
      threads.finished(task(1));
      journal.ran(
          1,
          new RunResult(
              "fib",
              StrategyKind.THREADS,
              2,
              2,
              21.5,
              List.of(),
              List.of(task(0), task(1)),
              new RunResult.LambdaRun("local", 3, 0.25, 1.5)));
      journal.listener("fib", StrategyKind.LAMBDA, 1).finished(failed);
    }

    JournalFile read = JournalFile.read(file);

    assertThat(read.header()).isEqualTo(HEADER);
    assertThat(read.taskCount()).isEqualTo(3);
    assertThat(read.tasks(FIB_THREADS).values()).containsExactly(task(0), task(1));
    RunResult run = read.run(FIB_THREADS).orElseThrow();
    assertThat(run.wallMillis()).isEqualTo(21.5);
    assertThat(run.tasks()).containsExactly(task(0), task(1));
    assertThat(run.lambda()).isEqualTo(new RunResult.LambdaRun("local", 3, 0.25, 1.5));
    JournalFile.RunKey lambda = new JournalFile.RunKey("fib", StrategyKind.LAMBDA, 1);
    assertThat(read.tasks(lambda)).containsEntry(2, failed);
    assertThat(read.run(lambda)).as("its run never ended").isEmpty();
  }

  @Test
  void aWorkerJvmsOwnTimeOnATask_isKeptInTheJournal() throws Exception {
    Path file = temp.resolve("j.jsonl");
    TaskRecord inAWorker =
        new TaskRecord(
            0,
            JSON.objectNode().put("n", 1),
            JSON.objectNode().put("value", 1),
            null,
            "pid 42",
            0,
            5,
            1.5,
            null,
            3.25);
    try (Journal journal = Journal.start(file, HEADER)) {
      journal.listener("fib", StrategyKind.THREADS, 1).finished(inAWorker);
    }

    assertThat(JournalFile.read(file).tasks(FIB_THREADS)).containsEntry(0, inAWorker);
  }

  @Test
  void aFileThatHoldsARun_isNotStartedAgain() throws Exception {
    Path file = temp.resolve("j.jsonl");
    Journal.start(file, HEADER).close();

    assertThatThrownBy(() -> Journal.start(file, HEADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds a run's journal")
        .hasMessageContaining("scripts/fanout compare --resume " + file);
  }

  @Test
  void aLastLineCutShortByACrash_isLeftOut() throws Exception {
    Path file = temp.resolve("j.jsonl");
    try (Journal journal = Journal.start(file, HEADER)) {
      journal.listener("fib", StrategyKind.THREADS, 1).finished(task(0));
    }
    Files.writeString(
        file, "{\"type\":\"task\",\"workload\":\"fib\",\"in", StandardOpenOption.APPEND);

    assertThat(JournalFile.read(file).tasks(FIB_THREADS)).containsOnlyKeys(0);
  }

  @Test
  void aDamagedLineBeforeTheLast_isRefused() throws Exception {
    Path file = temp.resolve("j.jsonl");
    try (Journal journal = Journal.start(file, HEADER)) {
      journal.listener("fib", StrategyKind.THREADS, 1).finished(task(0));
    }
    Files.writeString(file, "garbage\n{\"type\":\"task\"}\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> JournalFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3 of " + file + " is not JSON");
  }

  @Test
  void aFileThatIsNoJournal_isRefused() throws Exception {
    Path notes = Files.writeString(temp.resolve("notes.txt"), "{\"hello\": 1}\n");

    assertThatThrownBy(() -> JournalFile.read(notes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a run's journal");
    assertThatThrownBy(() -> JournalFile.read(temp.resolve("none.jsonl")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no journal at");
  }

  @Test
  void anOpenJournal_isUnfinishedUntilItsRunEnds() throws Exception {
    Path file = temp.resolve("j.jsonl");
    Journal.start(file, HEADER).close();

    assertThat(Journal.unfinished().resumeCommand())
        .isEqualTo("scripts/fanout compare --resume " + file.toAbsolutePath());
    Journal.finished();
    assertThat(Journal.takeUnfinished()).isNull();
  }

  @Test
  void itsLines_areTheOnesATreePerLineMade() throws Exception {
    Path file = temp.resolve("j.jsonl");
    try (Journal journal =
        Journal.start(
            file,
            new Journal.Header(
                "run-1",
                "compare",
                List.of("compare", "-w", "fib"),
                "2026-12-03T17:00:00Z",
                "25",
                "development"))) {
      for (WorkloadReport report : SmallRuns.reports()) {
        for (var summary : report.runs()) {
          RunResult run = summary.run();
          TaskListener listener = journal.listener(run.workload(), run.strategy(), 1);
          run.tasks().forEach(listener::finished);
          journal.ran(1, run);
        }
      }
    }

    assertThat(Files.readString(file)).isEqualTo(JsonReportTest.resource("small-runs.jsonl"));
  }

  @Test
  void tasksEndingOnManyThreadsAtOnce_areEachJournalledOnceAndWhole() throws Exception {
    Path file = temp.resolve("j.jsonl");
    int tasks = 20_000;
    try (Journal journal = Journal.start(file, HEADER);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      TaskListener listener = journal.listener("fib", StrategyKind.VIRTUAL, 1);
      for (int i = 0; i < tasks; i++) {
        int index = i;
        threads.submit(() -> listener.finished(task(index)));
      }
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1 + tasks);
    JournalFile read = JournalFile.read(file);
    JournalFile.RunKey key = new JournalFile.RunKey("fib", StrategyKind.VIRTUAL, 1);
    assertThat(read.tasks(key)).hasSize(tasks);
    assertThat(read.tasks(key).get(12_345)).isEqualTo(task(12_345));
  }
}

package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants of the in-JVM strategies that a wrong implementation breaks. */
class InJvmStrategiesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @TempDir static Path images;
  private static StrategyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new StrategyFixture(images);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static RunResult run(String strategy, Workload workload, int workers) {
    return Strategies.create(StrategyKind.of(strategy), workload, fixture.context(workers))
        .run(workload, record -> {});
  }

  @Test
  void threads_runsAllTasksOnAtMostWorkersThreads() {
    RunResult run = run("threads", TestWorkloads.naps(12, 30), 3);

    assertThat(run.ok()).isEqualTo(12);
    assertThat(run.lanes()).isEqualTo(3);
    assertThat(maxInFlight(run)).isEqualTo(3);
  }

  @Test
  void async_runsEveryTaskOnOneEventLoopThread() {
    for (Workload workload : TestWorkloads.small(fixture.origin.baseUri())) {
      RunResult run = run("async", workload, 0);

      assertThat(run.failed()).as(workload.name()).isZero();
      assertThat(run.tasks())
          .as(workload.name())
          .extracting(TaskRecord::lane)
          .containsOnly(AsyncStrategy.LOOP_THREAD);
    }
  }

  @Test
  void async_overlapsWaitsOnItsOneThread() {
    RunResult run = run("async", TestWorkloads.naps(8, 200), 0);

    assertThat(run.lanes()).isEqualTo(1);
    assertThat(maxInFlight(run)).isEqualTo(8);
  }

  @Test
  void async_runsATaskWithNothingToWaitOnToItsEnd_asAnAwaitFreeCoroutine() {
    Workload fib = TestWorkloads.of("fib", 6, i -> JSON.objectNode().put("n", 24));

    RunResult run = run("async", fib, 0);

    assertThat(run.ok()).isEqualTo(6);
    assertThat(maxInFlight(run)).isEqualTo(1);
    assertThat(run.tasks())
        .isSortedAccordingTo((a, b) -> Double.compare(a.startMillis(), b.startMillis()));
  }

  @Test
  void async_measuresCpuTimeOfComputeTasks() {
    Workload fib = TestWorkloads.of("fib", 3, i -> JSON.objectNode().put("n", 30));

    RunResult run = run("async", fib, 0);

    assertThat(run.tasks()).allSatisfy(task -> assertThat(task.cpuMillis()).isPositive());
  }

  @Test
  void virtual_runsEveryTaskOnItsOwnVirtualThreadAllAtOnce() {
    RunResult run = run("virtual", TestWorkloads.naps(50, 200), 0);

    assertThat(run.lanes()).isEqualTo(50);
    assertThat(run.tasks()).extracting(TaskRecord::lane).allMatch(l -> l.startsWith("virtual-"));
    assertThat(maxInFlight(run)).isEqualTo(50);
  }

  @Test
  void virtual_keepsEveryWaitingTaskInFlight_pastTheThreadsItStartsAhead() {
    int tasks = 3 * VirtualStrategy.STARTS_AHEAD;

    RunResult run = run("virtual", TestWorkloads.naps(tasks, 500), 0);

    assertThat(run.lanes()).isEqualTo(tasks);
    assertThat(maxInFlight(run)).isEqualTo(tasks);
  }

  @Test
  void virtual_runsEachOfManyTasksExactlyOnce_andRecordsThemInOrder() {
    Workload naps = TestWorkloads.naps(20_000, 0);
    AtomicInteger[] heard = new AtomicInteger[naps.size()];
    Arrays.setAll(heard, i -> new AtomicInteger());

    RunResult run =
        Strategies.create(StrategyKind.VIRTUAL, naps, fixture.context(0))
            .run(naps, record -> heard[record.index()].incrementAndGet());

    assertThat(heard).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(run.tasks()).hasSize(naps.size());
    for (int i = 0; i < naps.size(); i++) {
      assertThat(run.tasks().get(i).index()).isEqualTo(i);
    }
    assertThat(run.ok()).isEqualTo(naps.size());
  }

  @Test
  void sequential_runsOneTaskAtATimeInOrder() {
    RunResult run = run("sequential", TestWorkloads.naps(4, 20), 0);

    assertThat(run.lanes()).isEqualTo(1);
    assertThat(maxInFlight(run)).isEqualTo(1);
    assertThat(run.tasks())
        .isSortedAccordingTo((a, b) -> Double.compare(a.startMillis(), b.startMillis()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threads", "async", "virtual"})
  void failingTask_isReportedWithItsMessageWhileTheOthersFinish(String strategy) {
    List<JsonNode> inputs = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      inputs.add(JSON.objectNode().put("n", n == 4 ? 99 : n));
    }
    Workload fib = new Workload("fib", inputs, 2, "test");

    RunResult run = run(strategy, fib, 2);

    assertThat(run.ok()).isEqualTo(9);
    TaskRecord failed = run.tasks().get(3);
    assertThat(failed.ok()).isFalse();
    assertThat(failed.output()).isNull();
    assertThat(failed.error().type()).isEqualTo("InvalidInput");
    assertThat(failed.error().message()).contains("'n'").contains("1 to 42").contains("99");
    assertThat(run.tasks().get(9).output().get("value").asLong()).isEqualTo(34);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threads", "async", "virtual"})
  void fetchFailure_failsOnlyThatTask(String strategy) {
    String origin = fixture.origin.baseUri().toString();
    Workload download =
        TestWorkloads.of(
            "download",
            4,
            i -> JSON.objectNode().put("url", origin + (i == 1 ? "/missing" : "/pages/dice")));

    RunResult run = run(strategy, download, 2);

    assertThat(run.tasks()).extracting(TaskRecord::ok).containsExactly(true, false, true, true);
    assertThat(run.tasks().get(1).error().type()).isEqualTo("FetchFailed");
    assertThat(run.tasks().get(1).error().message()).contains("404");
  }

  @Test
  void listener_hearsOfEveryTaskOnce() {
    Workload naps = TestWorkloads.naps(10, 5);
    for (String strategy : List.of("sequential", "threads", "async", "virtual")) {
      List<Integer> heard = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger calls = new AtomicInteger();

      Strategies.create(StrategyKind.of(strategy), naps, fixture.context(3))
          .run(
              naps,
              record -> {
                calls.incrementAndGet();
                heard.add(record.index());
              });

      assertThat(heard).as(strategy).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
  }

  /** The largest number of task intervals that overlap at one instant. */
  static int maxInFlight(RunResult run) {
    List<double[]> events = new ArrayList<>();
    for (TaskRecord task : run.tasks()) {
      events.add(new double[] {task.startMillis(), +1});
      events.add(new double[] {task.endMillis(), -1});
    }
    // Ends sort before starts at the same instant, so back-to-back tasks do not count as overlap.
    events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    int current = 0;
    int max = 0;
    for (double[] event : events) {
      current += (int) event[1];
      max = Math.max(max, current);
    }
    return max;
  }
}

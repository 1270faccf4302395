package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker-JVM pool: its lanes, its start-up figures, and surviving a worker's death. */
class ProcessesStrategyIT {
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

  @Test
  void processes_runsTasksOnAtMostPoolSizeWorkerPids() {
    RunResult run = run(TestWorkloads.naps(9, 50), 3);

    assertThat(run.ok()).isEqualTo(9);
    assertThat(run.lanes()).isBetween(1L, 3L);
    assertThat(run.tasks()).extracting(TaskRecord::lane).allMatch(lane -> lane.matches("pid \\d+"));
    assertThat(run.tasks())
        .extracting(TaskRecord::lane)
        .noneMatch(lane -> lane.equals("pid " + ProcessHandle.current().pid()));
    assertThat(run.startupMillis()).hasSize(3).allMatch(millis -> millis > 0);
    assertThat(InJvmStrategiesTest.maxInFlight(run)).isEqualTo(3);
  }

  @Test
  void processes_tellsTheListenerOfEachWorkerJvmAsItIsReady_beforeAnyTask() {
    Workload naps = TestWorkloads.naps(4, 10);
    ToldListener listener = new ToldListener();

    RunResult run =
        Strategies.create(StrategyKind.PROCESSES, naps, fixture.context(2)).run(naps, listener);

    assertThat(run.ok()).isEqualTo(4);
    assertThat(listener.told())
        .containsExactly(
            "starting worker JVMs 0/2",
            "starting worker JVMs 1/2",
            "starting worker JVMs 2/2",
            "finished",
            "finished",
            "finished",
            "finished");
  }

  @Test
  void processes_reportsWorkerCpuTime() {
    Workload fib =
        TestWorkloads.of("fib", 2, i -> JsonNodeFactory.instance.objectNode().put("n", 30));

    RunResult run = run(fib, 2);

    assertThat(run.tasks()).allSatisfy(task -> assertThat(task.cpuMillis()).isPositive());
  }

  @Test
  void killedWorker_failsOnlyItsTaskAndIsReplaced() throws Exception {
    JsonNodeFactory json = JsonNodeFactory.instance;
    // Two short naps prove both workers are up; then each takes a long one, and one is killed.
    Workload naps =
        TestWorkloads.of("nap", 4, i -> json.objectNode().put("millis", i < 2 ? 10 : 3000));
    CountDownLatch shortOnesDone = new CountDownLatch(2);
    AtomicReference<String> firstLane = new AtomicReference<>();
    CompletableFuture<RunResult> running =
        CompletableFuture.supplyAsync(
            () ->
                Strategies.create(StrategyKind.PROCESSES, naps, fixture.context(2))
                    .run(
                        naps,
                        record -> {
                          firstLane.compareAndSet(null, record.lane());
                          shortOnesDone.countDown();
                        }));

    assertThat(shortOnesDone.await(60, TimeUnit.SECONDS)).isTrue();
    TimeUnit.MILLISECONDS.sleep(300);
    long pid = Long.parseLong(firstLane.get().substring("pid ".length()));
    ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
    victim.destroyForcibly();
    RunResult run = running.get(60, TimeUnit.SECONDS);

    List<TaskRecord> failed = run.tasks().stream().filter(task -> !task.ok()).toList();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).error().type()).isEqualTo("WorkerDied");
    assertThat(failed.get(0).error().message()).contains("pid " + victim.pid());
    assertThat(failed.get(0).lane()).isEqualTo("pid " + victim.pid());
    assertThat(run.ok()).isEqualTo(3);
    assertThat(run.startupMillis()).hasSize(3); // two at start, one replacement
  }

  private static RunResult run(Workload workload, int pool) {
    return Strategies.create(StrategyKind.PROCESSES, workload, fixture.context(pool))
        .run(workload, record -> {});
  }
}

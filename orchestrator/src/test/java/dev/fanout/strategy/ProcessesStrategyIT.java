package dev.fanout.strategy;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker-JVM pool: its lanes, its start-up figures, and surviving a worker that dies or hangs,
 * at start-up or mid-run.
 */
class ProcessesStrategyIT {
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

  @Test
  void stoppedWorker_failsItsTaskWorkerHungAtTheDeadline_andAReplacementTakesTheRest()
      throws Exception {
    Workload naps = TestWorkloads.of("nap", 10, i -> JSON.objectNode().put("millis", 200));
    TaskTimeout timeout = TaskTimeout.of(Duration.ofSeconds(2));
    CountDownLatch firstDone = new CountDownLatch(1);
    AtomicReference<String> firstLane = new AtomicReference<>();
    CompletableFuture<RunResult> running =
        CompletableFuture.supplyAsync(
            () ->
                Strategies.create(
                        StrategyKind.PROCESSES, naps, fixture.context(2).withTaskTimeout(timeout))
                    .run(
                        naps,
                        record -> {
                          firstLane.compareAndSet(null, record.lane());
                          firstDone.countDown();
                        }));
    assertThat(firstDone.await(60, TimeUnit.SECONDS)).isTrue();
    long pid = Long.parseLong(firstLane.get().substring("pid ".length()));
    ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
    try {
      signal("STOP", pid);

      RunResult run = running.get(30, TimeUnit.SECONDS);

      List<TaskRecord> failed = run.tasks().stream().filter(task -> !task.ok()).toList();
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).error().type()).isEqualTo("WorkerHung");
      assertThat(failed.get(0).error().message())
          .contains("pid " + pid)
          .contains("2 s (--task-timeout)");
      assertThat(failed.get(0).lane()).isEqualTo("pid " + pid);
      assertThat(run.ok()).isEqualTo(9);
      assertThat(run.startupMillis()).hasSize(3); // two at start, one replacement
      assertThat(victim.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    } finally {
      if (victim.isAlive()) {
        signal("CONT", pid);
        victim.destroyForcibly();
      }
    }
  }

  @Test
  void workerKilledDuringStartUp_isReplaced_andEveryTaskRunsExactlyOnce() throws Exception {
    Workload naps = TestWorkloads.of("nap", 6, i -> JSON.objectNode().put("millis", 50));
    Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(toSet());
    Map<Integer, Integer> finished = new ConcurrentHashMap<>();
    CompletableFuture<RunResult> running =
        CompletableFuture.supplyAsync(
            () ->
                Strategies.create(StrategyKind.PROCESSES, naps, fixture.context(2))
                    .run(naps, record -> finished.merge(record.index(), 1, Integer::sum)));

    ProcessHandle victim = firstWorkerStartedSince(before);
    assertThat(finished).as("no task may have run before the kill").isEmpty();
    victim.destroyForcibly();
    RunResult run = running.get(60, TimeUnit.SECONDS);

    assertThat(run.tasks()).allSatisfy(task -> assertThat(task.ok()).as(task.toString()).isTrue());
    assertThat(run.tasks()).extracting(TaskRecord::index).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(finished).hasSize(6).allSatisfy((index, times) -> assertThat(times).isOne());
    assertThat(run.tasks()).extracting(TaskRecord::lane).doesNotContain("pid " + victim.pid());
    assertThat(run.startupMillis()).hasSize(2);
  }

  @Test
  void workersThatHangOnEveryTask_areReplacedOnlyAsOftenAsARunAllows_thenTheRestFail() {
    // Every nap outlasts the deadline: each worker in turn is killed as hung.
    Workload naps = TestWorkloads.of("nap", 8, i -> JSON.objectNode().put("millis", 2_000));
    Strategies.Context context =
        fixture.context(1).withTaskTimeout(TaskTimeout.of(Duration.ofMillis(200)));

    RunResult run = Strategies.create(StrategyKind.PROCESSES, naps, context).run(naps, r -> {});

    int replacements = Replacements.AT_LEAST;
    assertThat(run.ok()).isZero();
    assertThat(run.tasks())
        .filteredOn(task -> task.error().type().equals("WorkerHung"))
        .hasSize(replacements + 1);
    assertThat(run.tasks())
        .filteredOn(task -> task.error().type().equals("NoWorkerLeft"))
        .hasSize(8 - replacements - 1)
        .allSatisfy(
            task ->
                assertThat(task.error().message())
                    .contains(replacements + " replacements")
                    .contains("--task-timeout"));
    assertThat(run.startupMillis()).hasSize(1 + replacements);
  }

  /** The first JVM this one starts but those {@code earlier}, as soon as it exists. */
  private static ProcessHandle firstWorkerStartedSince(Set<Long> earlier)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      var worker =
          ProcessHandle.current()
              .children()
              .filter(child -> !earlier.contains(child.pid()))
              // The worker main is past the 4096 characters of a command line that Linux shows.
              .filter(child -> child.info().command().orElse("").endsWith("/java"))
              .findFirst();
      if (worker.isPresent()) {
        return worker.get();
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    throw new AssertionError("no worker JVM started within 60 s");
  }

  /** Sends a signal to a process, as {@code kill -STOP} would. */
  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private static RunResult run(Workload workload, int pool) {
    return Strategies.create(StrategyKind.PROCESSES, workload, fixture.context(pool))
        .run(workload, record -> {});
  }
}

package dev.fanout.pipeline;

import static dev.fanout.pipeline.BurgersTest.assertEveryOrderServedOnce;
import static dev.fanout.pipeline.SaladsTest.assertNoBowlHeldByTwoAtOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.plan.UnitSettings;
import dev.fanout.strategy.TaskTimeout;
import dev.fanout.strategy.WorkerLanes;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lunch on worker JVMs: each lane's units in JVMs of its own, the queues here; a lane's worker
 * that hangs or dies is replaced.
 */
class PipelinesOnWorkerJvmsIT {
  @TempDir static Path images;
  private static PipelineFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new PipelineFixture(images);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static WorkerLanes workers() {
    return new WorkerLanes(
        UnitSettings.forOrigin(fixture.origin.baseUri(), images), System::nanoTime);
  }

  @Test
  void salads_spreadOverAWorkerJvmPerMemberOfStaff() {
    Salads salads = new Salads(new SaladBar(20, 3, 2, 2_000, 1_000), System::nanoTime);
    MenuRun run;
    try (WorkerLanes lanes = workers()) {
      lanes.prepare(salads.laneWidths());
      assertThat(lanes.startupMillis()).hasSize(3);
      run = salads.runOnLanes(StrategyKind.PROCESSES, lanes);
      assertThat(lanes.cpuMillis()).isPositive();
    }

    assertEveryOrderServedOnce(run, 20);
    assertNoBowlHeldByTwoAtOnce(run);
    Set<String> makers =
        run.spans().stream()
            .filter(span -> span.stage().equals("make salad"))
            .map(Span::lane)
            .collect(Collectors.toSet());
    assertThat(makers).hasSize(2).allMatch(lane -> lane.startsWith("worker pid "));
    assertThat(makers).doesNotContain("worker pid " + ProcessHandle.current().pid());
  }

  @Test
  void burgers_everyOrderOnce_theGrillCookingOnWorkerJvmsOfItsOwn() {
    Burgers burgers = fixture.burgers(12, 3, 20);
    MenuRun run;
    try (WorkerLanes lanes = workers()) {
      lanes.prepare(burgers.laneWidths());
      assertThat(lanes.startupMillis()).hasSize(5); // taker, three grill positions, maker
      run = burgers.runOnLanes(StrategyKind.PROCESSES, lanes);
    }

    assertEveryOrderServedOnce(run, 12);
    assertThat(run.facts().get("maxOpenOrders")).isLessThanOrEqualTo(5L);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLanesWorkerThatHangs_failsItsCallWorkerHung_andAReplacementTakesTheNext() throws Exception {
    try (WorkerLanes lanes =
        new WorkerLanes(
            UnitSettings.forOrigin(fixture.origin.baseUri(), images),
            TaskTimeout.of(Duration.ofSeconds(1)),
            System::nanoTime)) {
      lanes.prepare(Map.of("grill", 1));
      Kitchen kitchen = lanes.kitchen("grill", 1);
      kitchen.call("nap", nap());
      long pid = pidOf(kitchen.lane());
      ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
      try {
        signal("STOP", pid);

        assertThatThrownBy(() -> kitchen.call("nap", nap()))
            .isInstanceOf(UnitCallFailed.class)
            .hasMessageStartingWith("WorkerHung: worker pid " + pid)
            .hasMessageContaining("1 s (--task-timeout)");
        assertThat(kitchen.call("nap", nap()).path("sleptMillis").asLong()).isEqualTo(10);
        assertThat(kitchen.lane()).isNotEqualTo("worker pid " + pid);
        assertThat(lanes.startupMillis()).hasSize(2);
        assertThat(victim.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
      } finally {
        if (victim.isAlive()) {
          signal("CONT", pid);
          victim.destroyForcibly();
        }
      }
    }
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLanesWorkerThatDies_failsItsCallWorkerDied_andAReplacementTakesTheNext() throws Exception {
    try (WorkerLanes lanes = workers()) {
      lanes.prepare(Map.of("grill", 1));
      Kitchen kitchen = lanes.kitchen("grill", 1);
      kitchen.call("nap", nap());
      long pid = pidOf(kitchen.lane());
      ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
      victim.destroyForcibly();
      victim.onExit().get(10, TimeUnit.SECONDS);

      assertThatThrownBy(() -> kitchen.call("nap", nap()))
          .isInstanceOf(UnitCallFailed.class)
          .hasMessageStartingWith("WorkerDied: worker pid " + pid);
      assertThat(kitchen.call("nap", nap()).path("sleptMillis").asLong()).isEqualTo(10);
      assertThat(kitchen.lane()).isNotEqualTo("worker pid " + pid);
    }
  }

  private static JsonNode nap() {
    return JsonNodeFactory.instance.objectNode().put("millis", 10);
  }

  private static long pidOf(String lane) {
    return Long.parseLong(lane.substring("worker pid ".length()));
  }

  /** Sends a signal to a process, as {@code kill -STOP} would. */
  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }
}

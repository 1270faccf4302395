package dev.fanout.pipeline;

import static dev.fanout.pipeline.BurgersTest.assertEveryOrderServedOnce;
import static dev.fanout.pipeline.SaladsTest.assertNoBowlHeldByTwoAtOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.plan.UnitSettings;
import dev.fanout.strategy.WorkerLanes;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lunch on worker JVMs: each lane's units in JVMs of its own, the queues here. */
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
}

package dev.fanout.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent Burgers in every in-JVM form, against the local origin's real grill. */
class BurgersTest {
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

  @Test
  void threads_serveEveryOrderOnce_onThreeStageLanes_neverMoreThanFiveOpen() {
    MenuRun run = fixture.burgers(24, 3, 20).runOnLanes(StrategyKind.THREADS, fixture.lanes(false));

    assertEveryOrderServedOnce(run, 24);
    assertThat(run.facts().get("maxOpenOrders")).isBetween(1L, 5L);
    assertThat(stageLanes(run)).containsExactlyInAnyOrder("order taker", "burger maker");
    assertThat(grillPositions(run)).containsExactlyInAnyOrder("grill 1", "grill 2", "grill 3");
  }

  @Test
  void async_runsEveryStageOnTheOneLoopThread() {
    MenuRun run = PipelineFixture.onLoop(fixture.burgers(24, 3, 20), fixture.kitchen(), "loop-1");

    assertEveryOrderServedOnce(run, 24);
    assertThat(stageLanes(run)).containsExactly("loop-1");
    assertThat(run.facts().get("maxOpenOrders")).isLessThanOrEqualTo(5L);
  }

  @Test
  void virtual_servesEveryOrderOnce() {
    MenuRun run = fixture.burgers(16, 4, 10).runOnLanes(StrategyKind.VIRTUAL, fixture.lanes(true));

    assertEveryOrderServedOnce(run, 16);
    assertThat(run.queues())
        .filteredOn(queue -> queue.queue().equals("open orders"))
        .allSatisfy(queue -> assertThat(queue.maxDepth()).isLessThanOrEqualTo(5));
  }

  @Test
  void sequential_cooksOnePattyAtATime() {
    MenuRun run =
        new ThreadLanes(fixture.runtime.catalog(), false)
            .start("the one", () -> fixture.burgers(6, 4, 10).runInSequence(fixture.kitchen()))
            .join();

    assertEveryOrderServedOnce(run, 6);
    List<Span> cooking = cooking(run);
    assertThat(cooking).hasSize(6);
    for (int i = 1; i < cooking.size(); i++) {
      assertThat(cooking.get(i).startNanos()).isGreaterThanOrEqualTo(cooking.get(i - 1).endNanos());
    }
    assertThat(run.facts().get("maxOpenOrders")).isEqualTo(1L);
  }

  @Test
  void aPattyTheGrillBurns_failsOneOrder_andTheRestAreServed() {
    // A cook time the grill refuses: every patty fails, every order is accounted for as failed.
    MenuRun run =
        fixture.burgers(7, 2, 120_000).runOnLanes(StrategyKind.THREADS, fixture.lanes(false));

    assertThat(run.outcomes()).hasSize(7);
    assertThat(run.served()).isZero();
    assertThat(run.outcomes())
        .allSatisfy(outcome -> assertThat(outcome.error()).startsWith("its patty: "));
  }

  @Test
  void theGrillIsTheBound_andThreadsComeNearIt() {
    MenuRun run = fixture.burgers(20, 4, 50).runOnLanes(StrategyKind.THREADS, fixture.lanes(false));
    MenuFigures figures = MenuFigures.of(List.of(run), 2).getFirst();

    assertThat(figures.boundPerSecond()).isEqualTo(20 / 0.25);
    assertThat(figures.efficiency()).isGreaterThan(0).isLessThanOrEqualTo(1.0);
    assertThat(dev.fanout.check.PipelineCheck.violations(run)).isEmpty();
  }

  static void assertEveryOrderServedOnce(MenuRun run, int orders) {
    List<Integer> served =
        run.outcomes().stream().filter(OrderOutcome::served).map(OrderOutcome::order).toList();
    assertThat(run.outcomes()).as("failures: %s", run.outcomes()).allMatch(OrderOutcome::served);
    assertThat(served).hasSize(orders).doesNotHaveDuplicates();
  }

  private static Set<String> stageLanes(MenuRun run) {
    return run.spans().stream()
        .map(Span::lane)
        .filter(lane -> !MenuFigures.isDevice(lane))
        .collect(Collectors.toSet());
  }

  private static Set<String> grillPositions(MenuRun run) {
    return run.spans().stream()
        .map(Span::lane)
        .filter(MenuFigures::isDevice)
        .collect(Collectors.toSet());
  }

  private static List<Span> cooking(MenuRun run) {
    return run.spans().stream()
        .filter(span -> span.stage().equals("cook"))
        .sorted(java.util.Comparator.comparingLong(Span::startNanos))
        .toList();
  }
}

package dev.fanout.pipeline;

import static dev.fanout.pipeline.BurgersTest.assertEveryOrderServedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel Salads in every in-JVM form: every order once, no bowl in two pairs of hands. */
class SaladsTest {
  private static final SaladBar BAR = new SaladBar(30, 3, 2, 2_000, 1_000);

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

  private static Salads salads() {
    return new Salads(BAR, System::nanoTime);
  }

  @Test
  void threads_everyOrderOnce_aLanePerMemberOfStaff_andNoBowlHeldTwice() {
    MenuRun run = salads().runOnLanes(StrategyKind.THREADS, fixture.lanes(false));

    assertEveryOrderServedOnce(run, 30);
    assertThat(lanes(run))
        .containsExactlyInAnyOrder("salad maker 1", "salad maker 2", "bowl washer");
    assertNoBowlHeldByTwoAtOnce(run);
    assertThat(run.facts().get("maxBowlsInUse")).isBetween(1L, 2L);
    assertThat(run.spans()).filteredOn(span -> span.stage().equals("wash bowl")).hasSize(30);
  }

  @Test
  void async_allStaffOnTheOneLoopThread() {
    MenuRun run = PipelineFixture.onLoop(salads(), fixture.kitchen(), "loop-2");

    assertEveryOrderServedOnce(run, 30);
    assertThat(lanes(run)).containsExactly("loop-2");
    assertNoBowlHeldByTwoAtOnce(run);
    assertThat(MenuFigures.maxParallelLanes(run.spans())).isEqualTo(1);
  }

  @Test
  void virtual_everyOrderOnce() {
    MenuRun run = salads().runOnLanes(StrategyKind.VIRTUAL, fixture.lanes(true));

    assertEveryOrderServedOnce(run, 30);
    assertNoBowlHeldByTwoAtOnce(run);
  }

  @Test
  void sequential_onePersonMakesAndWashesEverything() {
    MenuRun run =
        fixture
            .lanes(false)
            .start("the one", () -> salads().runInSequence(fixture.kitchen()))
            .join();

    assertEveryOrderServedOnce(run, 30);
    assertThat(lanes(run)).containsExactly("the one");
    assertThat(run.spans()).filteredOn(span -> span.stage().equals("wash bowl")).hasSize(30);
  }

  @Test
  void theBound_isTheSlowestOfCoresMakersWasherAndBowls() {
    SaladBar bar = new SaladBar(100, 5, 10, 1, 1);
    // 4 makers, 1 washer, 10 bowls; a salad 30 ms, a wash 10 ms, 2 cores: the cores, 50/s.
    assertThat(bar.boundPerSecond(2, 30, 10)).isEqualTo(50.0);
    // One core's worth of washing per bowl is slower than anything else: the washer, 20/s.
    assertThat(bar.boundPerSecond(8, 30, 50)).isEqualTo(20.0);
    // Two bowls going round: 2 / 40 ms.
    assertThat(new SaladBar(100, 5, 2, 1, 1).boundPerSecond(8, 30, 10)).isEqualTo(50.0);
  }

  static void assertNoBowlHeldByTwoAtOnce(MenuRun run) {
    Map<String, List<Hold>> byBowl =
        run.holds().stream().collect(Collectors.groupingBy(Hold::thing));
    for (List<Hold> holds : byBowl.values()) {
      List<Hold> inOrder = new ArrayList<>(holds);
      inOrder.sort(Comparator.comparingLong(Hold::fromNanos));
      for (int i = 1; i < inOrder.size(); i++) {
        assertThat(inOrder.get(i).fromNanos())
            .as("%s taken while %s held it", inOrder.get(i), inOrder.get(i - 1))
            .isGreaterThanOrEqualTo(inOrder.get(i - 1).toNanos());
      }
    }
    assertThat(run.holds()).hasSize(run.orders());
  }

  private static Set<String> lanes(MenuRun run) {
    return run.spans().stream().map(Span::lane).collect(Collectors.toSet());
  }
}

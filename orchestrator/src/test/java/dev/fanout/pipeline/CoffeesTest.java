package dev.fanout.pipeline;

import static dev.fanout.pipeline.BurgersTest.assertEveryOrderServedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud Coffees in this JVM, the same waves under each in-JVM strategy: nothing times a barista
 * out, so the complex order is served, late. The four run side by side (each waits out the complex
 * order's 2.3 s, nothing more).
 */
class CoffeesTest {
  private static final List<StrategyKind> IN_JVM =
      List.of(
          StrategyKind.SEQUENTIAL, StrategyKind.THREADS, StrategyKind.ASYNC, StrategyKind.VIRTUAL);
  private static final CoffeeWaves WAVES = new CoffeeWaves(3, Duration.ofMillis(50), 2);

  @TempDir static Path images;
  private static PipelineFixture fixture;
  private static Map<StrategyKind, MenuRun> runs;

  @BeforeAll
  static void serveUnderEachInJvmStrategy() {
    fixture = new PipelineFixture(images);
    Map<StrategyKind, CompletableFuture<MenuRun>> started = new LinkedHashMap<>();
    for (StrategyKind strategy : IN_JVM) {
      CompletableFuture<MenuRun> run = new CompletableFuture<>();
      Thread.ofPlatform()
          .name("front door " + strategy)
          .start(
              () -> {
                try {
                  run.complete(
                      new Coffees(WAVES, System::nanoTime)
                          .inThisJvm(strategy, fixture.runtime.catalog()));
                } catch (Throwable e) {
                  run.completeExceptionally(e);
                }
              });
      started.put(strategy, run);
    }
    runs = new LinkedHashMap<>();
    started.forEach((strategy, run) -> runs.put(strategy, run.join()));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void everyInJvmStrategy_servesEveryOrderOnce_theComplexOneToo() {
    runs.forEach(
        (strategy, run) -> {
          assertThat(run.strategy()).isEqualTo(strategy);
          assertEveryOrderServedOnce(run, WAVES.size());
          assertThat(run.facts()).as("%s", strategy).containsEntry("timeouts", 0L);
          assertThat(Coffees.instances(run)).as("%s", strategy).isEmpty();
          assertThat(Coffees.note(run)).startsWith("no timeout in this JVM: the complex order (2)");
          assertThat(dev.fanout.check.PipelineCheck.violations(run)).isEmpty();
        });
  }

  @Test
  void eachWave_comesAtOnce_afterTheWaveBeforeIsServed_andThePause() {
    runs.forEach(
        (strategy, run) -> {
          Map<Integer, Long> arrivals = arrivalByWave(run);
          assertThat(arrivals).as("%s: one arrival per wave", strategy).hasSize(3);
          assertThat(arrivals.get(2)).isGreaterThanOrEqualTo(lastDone(run, 1));
          assertThat(arrivals.get(3))
              .isGreaterThanOrEqualTo(lastDone(run, 2) + WAVES.pause().toNanos());
        });
  }

  @Test
  void lanes_areEachStrategysBaristas() {
    assertThat(lanes(runs.get(StrategyKind.SEQUENTIAL))).containsExactly(Coffees.ONE_BARISTA);
    assertThat(lanes(runs.get(StrategyKind.ASYNC))).containsExactly(Coffees.LOOP);
    // A barista per customer of the largest wave: the pool starts one for each of the crowd.
    assertThat(lanes(runs.get(StrategyKind.THREADS)))
        .containsExactlyInAnyOrder("barista-1", "barista-2", "barista-3");
    assertThat(lanes(runs.get(StrategyKind.VIRTUAL)))
        .hasSize(WAVES.size())
        .allMatch(lane -> lane.startsWith("virtual-"));
  }

  @Test
  void theOneBarista_makesOneCoffeeAtATime() {
    List<Span> made =
        runs.get(StrategyKind.SEQUENTIAL).spans().stream()
            .sorted(Comparator.comparingLong(Span::startNanos))
            .toList();
    for (int i = 1; i < made.size(); i++) {
      assertThat(made.get(i).startNanos()).isGreaterThanOrEqualTo(made.get(i - 1).endNanos());
    }
  }

  @Test
  void noRun_beatsTheBound() {
    List<MenuFigures> figures = MenuFigures.of(List.copyOf(runs.values()), 2);

    assertThat(figures)
        .allSatisfy(
            figure -> {
              assertThat(figure.boundPerSecond()).isPositive();
              assertThat(figure.efficiency()).isPositive().isLessThanOrEqualTo(1.0);
            });
  }

  @Test
  void coffees_runUnderTheInJvmStrategiesAndLambda_notWorkerJvms() {
    assertThat(Menu.COFFEES.strategies())
        .containsExactly(
            StrategyKind.SEQUENTIAL,
            StrategyKind.THREADS,
            StrategyKind.ASYNC,
            StrategyKind.VIRTUAL,
            StrategyKind.LAMBDA);
  }

  private static Map<Integer, Long> arrivalByWave(MenuRun run) {
    Map<Integer, Long> arrivals = new LinkedHashMap<>();
    for (CoffeeWaves.Wave wave : WAVES.waves()) {
      Set<Long> times =
          run.outcomes().stream()
              .filter(outcome -> inWave(wave, outcome.order()))
              .map(OrderOutcome::arrivalNanos)
              .collect(Collectors.toSet());
      assertThat(times).as("wave %d comes at once", wave.number()).hasSize(1);
      arrivals.put(wave.number(), times.iterator().next());
    }
    return arrivals;
  }

  private static long lastDone(MenuRun run, int wave) {
    CoffeeWaves.Wave of = WAVES.waves().get(wave - 1);
    return run.outcomes().stream()
        .filter(outcome -> inWave(of, outcome.order()))
        .mapToLong(OrderOutcome::doneNanos)
        .max()
        .orElseThrow();
  }

  private static boolean inWave(CoffeeWaves.Wave wave, int order) {
    return wave.orders().stream().anyMatch(o -> o.number() == order);
  }

  private static Set<String> lanes(MenuRun run) {
    return run.spans().stream().map(Span::lane).collect(Collectors.toSet());
  }
}

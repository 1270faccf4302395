package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract: every unit under every strategy, worker JVMs included, gives the same outputs as
 * the sequential run, and every task succeeds.
 */
class StrategyContractIT {
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

  static Stream<Arguments> unitsAndStrategies() {
    return TestWorkloads.small(URI.create("http://127.0.0.1:1")).stream()
        .map(Workload::unit)
        .flatMap(
            unit ->
                StrategyKind.all().stream()
                    .filter(strategy -> strategy != StrategyKind.SEQUENTIAL)
                    .map(strategy -> Arguments.of(unit, strategy)));
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("unitsAndStrategies")
  void everyStrategy_givesTheSequentialOutputs(String unit, StrategyKind strategy) {
    Workload workload =
        TestWorkloads.small(fixture.origin.baseUri()).stream()
            .filter(w -> w.unit().equals(unit))
            .findFirst()
            .orElseThrow();

    RunResult expected = run(StrategyKind.SEQUENTIAL, workload);
    RunResult actual = run(strategy, workload);

    assertThat(expected.failed()).as("sequential failures: %s", expected.tasks()).isZero();
    assertThat(actual.failed()).as("%s failures: %s", strategy, actual.tasks()).isZero();
    assertThat(outputs(actual)).isEqualTo(outputs(expected));
    assertThat(actual.tasks()).extracting(TaskRecord::index).isSorted();
  }

  @Test
  void everyUnit_butTheBanksTransfer_hasASmallWorkloadHere() {
    List<String> covered =
        TestWorkloads.small(fixture.origin.baseUri()).stream().map(Workload::unit).toList();
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(
            fixture.runtime.catalog().byName().keySet().stream()
                .filter(unit -> !unit.equals("transfer"))
                .toList());
  }

  private static RunResult run(StrategyKind strategy, Workload workload) {
    Strategies.Context context =
        strategy.invokesLambda() ? fixture.lambdaContext(2) : fixture.context(2);
    return Strategies.create(strategy, workload, context).run(workload, record -> {});
  }

  private static List<String> outputs(RunResult run) {
    // As text: outputs cross pipes and the network as JSON text, where 7 and 7L are one number.
    return run.tasks().stream().map(task -> String.valueOf(task.output())).toList();
  }
}

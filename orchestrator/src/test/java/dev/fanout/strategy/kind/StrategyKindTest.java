package dev.fanout.strategy.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strategy kind: its names (which the JSON report prints), parsing and capabilities. */
class StrategyKindTest {
  @Test
  void labels_areTheReportsNames_inTheReportsOrder() {
    assertThat(StrategyKind.labels())
        .containsExactly("sequential", "threads", "async", "virtual", "processes", "lambda");
  }

  @ParameterizedTest
  @EnumSource(StrategyKind.class)
  void of_parsesEveryLabel_andToStringGivesItBack(StrategyKind kind) {
    assertThat(StrategyKind.of(kind.label())).isSameAs(kind);
    assertThat(kind).hasToString(kind.label());
    assertThat(kind.description()).isNotBlank().doesNotContain("\n");
  }

  @ParameterizedTest
  @CsvSource({
    "thread, threads",
    "Threads, threads",
    "virtaul, virtual",
    "lamda, lambda",
    "proc, processes",
    "seq, sequential",
    "asynch, async"
  })
  void of_aMisspeltName_suggestsTheClosest_andListsThemAll(String typed, String meant) {
    assertThatThrownBy(() -> StrategyKind.of(typed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown strategy '"
                + typed
                + "'; did you mean '"
                + meant
                + "'? Choose from sequential, threads, async, virtual, processes, lambda");
  }

  @ParameterizedTest
  @ValueSource(strings = {"warp", "fast", "x", "", "lightning"})
  void of_aNameCloseToNone_suggestsNothing(String typed) {
    assertThatThrownBy(() -> StrategyKind.of(typed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown strategy '"
                + typed
                + "'; choose from sequential, threads, async, virtual, processes, lambda");
  }

  @Test
  void onlyTheInJvmStrategies_runHereAndShareMemory() {
    for (StrategyKind kind : StrategyKind.values()) {
      boolean inJvm = kind != StrategyKind.PROCESSES && kind != StrategyKind.LAMBDA;
      assertThat(kind.inThisJvm()).as(kind.label()).isEqualTo(inJvm);
      assertThat(kind.sharesMemory()).as(kind.label()).isEqualTo(inJvm);
      assertThat(kind.invokesLambda()).as(kind.label()).isEqualTo(kind == StrategyKind.LAMBDA);
    }
  }

  @Test
  void theWorkersColumn_saysWhatAWorkerIs() {
    assertThat(StrategyKind.SEQUENTIAL.workersColumn(1)).isEqualTo("1");
    assertThat(StrategyKind.THREADS.workersColumn(5)).isEqualTo("5");
    assertThat(StrategyKind.ASYNC.workersColumn(1)).isEqualTo("1 loop");
    assertThat(StrategyKind.VIRTUAL.workersColumn(160)).isEqualTo("160 vt");
    assertThat(StrategyKind.PROCESSES.workersColumn(2)).isEqualTo("2");
    assertThat(StrategyKind.LAMBDA.workersColumn(4)).isEqualTo("4");
  }

  @Test
  void lanesAndLimits_areNamedAsTheChartsSayThem() {
    assertThat(StrategyKind.PROCESSES.laneNoun(1)).isEqualTo("worker JVM");
    assertThat(StrategyKind.PROCESSES.laneNoun(2)).isEqualTo("worker JVMs");
    assertThat(StrategyKind.LAMBDA.laneNoun(3)).isEqualTo("Lambda instances");
    assertThat(StrategyKind.ASYNC.laneNoun(1)).isEqualTo("event loop");
    assertThat(StrategyKind.SEQUENTIAL.inFlightLimit(1)).isEqualTo("1 at a time");
    assertThat(StrategyKind.ASYNC.inFlightLimit(1)).isEqualTo("1 loop");
    assertThat(StrategyKind.ASYNC.inFlightLimit(20)).isEqualTo("20 on 1 loop");
    assertThat(StrategyKind.LAMBDA.inFlightLimit(4)).isEqualTo("4 invocations");
    assertThat(StrategyKind.THREADS.inFlightLimit(5)).isEqualTo("5 threads");
  }
}

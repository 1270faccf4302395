package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.localcloud.lambda.FunctionConfig;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A task's deadline in a worker JVM: the unit's own time limit plus a margin, or the user's. */
class TaskTimeoutTest {
  @Test
  void byDefault_isTheUnitsTimeLimitPlusAMargin_andSaysSo() {
    TaskTimeout timeout = TaskTimeout.of(null);

    assertThat(timeout.deadline()).isEqualTo(Duration.ofSeconds(65));
    assertThat(timeout.chosen()).isFalse();
    assertThat(timeout.describe())
        .isEqualTo("65 s (the unit's time limit, 60 s, plus 5 s; set it with --task-timeout)");
  }

  @Test
  void chosen_isTheUsersDeadline_asGiven() {
    assertThat(TaskTimeout.of(Duration.ofSeconds(2)).deadline()).isEqualTo(Duration.ofSeconds(2));
    assertThat(TaskTimeout.of(Duration.ofSeconds(2)).describe()).isEqualTo("2 s (--task-timeout)");
    assertThat(TaskTimeout.of(Duration.ofMillis(1500)).describe())
        .isEqualTo("1500 ms (--task-timeout)");
  }

  @Test
  void aDeadlineThatIsNotPositive_isRefused() {
    assertThatThrownBy(() -> TaskTimeout.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void theUnitsTimeLimit_isTheTimeoutOfTheirFunctionsInTheTemplate() {
    // The coffee's function has a 2 s timeout of its own, its lesson; worker JVMs make no coffee.
    Set<String> units =
        Set.of(
            "download",
            "image",
            "scrape",
            "nap",
            "sumsq",
            "fib",
            "powerloop",
            "transfer",
            "order",
            "grill",
            "burger",
            "salad",
            "wash");
    List<FunctionConfig> functions =
        LocalLambdaService.functionsOf(
            StrategyFixture.projectRoot().resolve("template.yaml"), Map.of(), "us-east-1");

    List<FunctionConfig> ofUnits =
        functions.stream()
            .filter(f -> units.contains(f.environment().get("QUARKUS_LAMBDA_HANDLER")))
            .toList();

    assertThat(ofUnits).hasSize(units.size());
    assertThat(ofUnits)
        .allSatisfy(f -> assertThat(f.timeout()).isEqualTo(TaskTimeout.UNIT_TIME_LIMIT));
  }
}

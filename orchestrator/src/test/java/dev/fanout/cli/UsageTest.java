package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.strategy.kind.StrategyKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad usage is one line naming the option and the problem; the strategies' names and their help
 * come from one place.
 */
class UsageTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "compare --tasks many | --tasks",
        "compare --bogus | --bogus",
        "compare --aws --endpoint http://127.0.0.1:1 | --endpoint",
        "compare --strategies thread | --strategies",
        "run --workload fib | --strategy",
      })
  void badUsage_isOneLineNamingTheOption(String args, String option) {
    CliTest.Result result = fanout(args.trim().split(" "));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().startsWith("fanout: ");
    assertThat(result.err()).contains(option);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "compare --strategies threads,thread | --strategies | threads",
        "run --workload fib --strategy lamda | --strategy | lambda",
        "advise --workload fib --strategies virtaul | --strategies | virtual",
        "bank --strategy Async | --strategy | async",
      })
  void aMisspeltStrategy_getsTheClosestSuggested_andTheList(
      String args, String option, String meant) {
    CliTest.Result result = fanout(args.trim().split(" "));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .contains(option)
        .contains("did you mean '" + meant + "'?")
        .contains(String.join(", ", StrategyKind.labels()));
  }

  @ParameterizedTest
  @CsvSource({"compare", "run", "advise", "bank"})
  void help_ofEveryCommandThatTakesStrategies_describesEachOne(String command) {
    CliTest.Result result = fanout("help", command);

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("Strategies:");
    for (StrategyKind kind : StrategyKind.all()) {
      assertThat(result.out()).containsPattern("\\n  " + kind.label() + " +\\S");
    }
    assertThat(result.out()).contains("a virtual thread per task");
  }
}

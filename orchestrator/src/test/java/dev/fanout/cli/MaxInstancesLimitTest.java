package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.InstanceLimit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that takes --max-instances refuses more than this machine can start, in one line
 * that names the limit, before it starts anything.
 */
class MaxInstancesLimitTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "compare",
        "run --workload fib --strategy lambda",
        "advise --workload fib",
        "bank --strategy lambda",
        "lunch",
        "lambda serve --zip /nonexistent/function.zip"
      })
  void aboveTheMachinesLimit_isOneLineNamingIt_exitTwo(String command) {
    int limit = InstanceLimit.ofThisMachine().instances();
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--max-instances", Integer.toString(limit + 1)));

    CliTest.Result result = fanout(args.toArray(String[]::new));

    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .contains("--max-instances must be from 1 to " + limit + " on this machine")
        .contains("got " + (limit + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"lambda serve --zip /nonexistent/function.zip"})
  void atTheLimit_isAccepted(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(
        List.of("--max-instances", Integer.toString(InstanceLimit.ofThisMachine().instances())));

    CliTest.Result result = fanout(args.toArray(String[]::new));

    // It got past the options to the zip, which is missing.
    assertThat(result.err()).doesNotContain("--max-instances").contains("no function.zip at");
  }
}

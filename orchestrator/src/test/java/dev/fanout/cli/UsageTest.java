package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.LambdaChoice;
import dev.fanout.strategy.TaskTimeout;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Bad usage is one line naming the option and the problem; the strategies' names, their help and
 * the Lambda backend's options come from one place each.
 */
class UsageTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "compare --tasks many | --tasks",
        "compare --bogus | --bogus",
        "compare --aws --endpoint http://127.0.0.1:1 | --endpoint",
        "run --workload fib --strategy threads --aws --endpoint http://127.0.0.1:1 | --aws",
        "bank --aws --endpoint http://127.0.0.1:1 | --endpoint",
        "compare --strategies thread | --strategies",
        "compare --idle-timeout soon | --idle-timeout",
        "compare --idle-timeout 0s | --idle-timeout",
        "advise --workload fib --idle-timeout 10 | --idle-timeout",
        "bank --idle-timeout 5x | --idle-timeout",
        "lambda serve --idle-timeout 1y | --idle-timeout",
        "lambda serve --max-instances 0 | --max-instances",
        "run --workload fib | --strategy",
        "forecast | --from",
        "forecast --from r.json --tasks many | --tasks",
        "forecast --from r.json --tasks 0 | --tasks",
        "forecast --from r.json --memory 20000 | --memory",
        "forecast --from r.json --arch sparc | --arch",
        "forecast --from /nonexistent/r.json | --from",
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
        "compare --tasks abc | Invalid value for option '--tasks': 'abc' is not an int"
            + " | scripts/fanout help compare",
        "run --workload fib | Missing required option: '--strategy=S' | scripts/fanout help run",
        "compare --function fib | Value for option '--function' (UNIT=NAME) should be in"
            + " KEY=VALUE format but was fib | scripts/fanout help compare",
        "lambda invoke | Missing required parameter: 'FUNCTION' | scripts/fanout lambda help invoke",
        "lambda | name a subcommand: serve, invoke | scripts/fanout help lambda",
        "'' | name a command: compare, run | scripts/fanout help",
      })
  void parseErrors_areOneLineNamingTheProblem_andTheHelpCommand(
      String args, String problem, String help) {
    CliTest.Result result = fanout(args.isEmpty() ? new String[0] : args.trim().split(" "));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith("fanout: " + problem)
        .endsWith("; try: " + help);
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

  @Test
  void lambdaOptions_becomeTheEnginesChoice() {
    CommandLine commandLine = FanoutMain.commandLine();
    commandLine.parseArgs(
        "compare",
        "--endpoint",
        "http://127.0.0.1:3001",
        "--region",
        "eu-west-1",
        "--function",
        "fib=F",
        "--max-instances",
        "3",
        "--idle-timeout",
        "90s");
    CompareCommand compare = commandLine.getSubcommands().get("compare").getCommand();

    LambdaChoice choice = compare.options.lambda.choice(List.of());

    assertThat(choice)
        .isEqualTo(
            new LambdaChoice(
                URI.create("http://127.0.0.1:3001"),
                false,
                "eu-west-1",
                java.util.Map.of("fib", "F"),
                3,
                Duration.ofSeconds(90)));
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "90s, PT1M30S", "5m, PT5M", "2h, PT2H"})
  void idleTimeout_readsADurationWithItsUnit(String given, String expected) {
    CommandLine commandLine = FanoutMain.commandLine();
    commandLine.parseArgs("bank", "--idle-timeout", given);
    BankCommand bank = commandLine.getSubcommands().get("bank").getCommand();

    assertThat(bank.lambda.choice(List.of()).idleTimeout()).isEqualTo(Duration.parse(expected));
  }

  @Test
  void idleTimeout_notGiven_leavesTheServicesOwn() {
    CommandLine commandLine = FanoutMain.commandLine();
    commandLine.parseArgs("run", "--workload", "fib", "--strategy", "lambda", "--aws");
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();

    assertThat(run.options.lambda.choice(List.of()).idleTimeout()).isNull();
    assertThat(run.options.lambda.choice(List.of()).aws()).isTrue();
    assertThat(run.strategy).isEqualTo(StrategyKind.LAMBDA);
  }

  @ParameterizedTest
  @CsvSource({
    "run --workload nap --strategy processes --task-timeout 1500ms, PT1.5S",
    "compare --task-timeout 2m, PT2M",
    "advise --workload nap --task-timeout 30s, PT30S",
    "compare, ''"
  })
  void taskTimeout_becomesTheEnginesSetting_andNoneLeavesTheUnitsOwn(String args, String expected) {
    CommandLine commandLine = FanoutMain.commandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs(args.split(" "));
    RunOptions options =
        switch (parsed.subcommand().commandSpec().userObject()) {
          case RunCommand run -> run.options;
          case CompareCommand compare -> compare.options;
          case AdviseCommand advise -> advise.options;
          default -> throw new AssertionError(args);
        };

    assertThat(options.labSettings(1, false, List.of()).taskTimeout())
        .isEqualTo(expected.isEmpty() ? null : Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"compare", "run", "advise", "bank"})
  void help_ofEveryCommandThatMayRunWorkerJvms_givesTheTaskTimeoutsDefault(String command) {
    CliTest.Result result = fanout("help", command);

    assertThat(result.out().replaceAll("\\s+", " "))
        .contains("--task-timeout=DURATION")
        .contains(
            "the unit's time limit, "
                + TaskTimeout.UNIT_TIME_LIMIT.toSeconds()
                + " s, plus "
                + TaskTimeout.MARGIN.toSeconds()
                + " s");
  }

  @Test
  void aBusyPort_isOneLineSayingToPickAnother_noStackTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliTest.Result result = fanout("origin", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
      assertThat(result.err().strip().lines()).hasSize(1);
      assertThat(result.err()).contains("cannot bind").contains("pick another port");
    }
  }

  @Test
  void anUnexpectedFailure_isOneLineAndExitThree_theStackTraceOnlyWithVerbose() {
    for (boolean verbose : new boolean[] {false, true}) {
      CommandLine commandLine = FanoutMain.commandLine();
      StringWriter err = new StringWriter();
      commandLine.setErr(new PrintWriter(err));
      CommandLine.ParseResult parsed =
          verbose
              ? commandLine.parseArgs("compare", "--verbose")
              : commandLine.parseArgs("compare");

      int exit =
          FanoutMain.failed(new IllegalStateException("the disk went away"), commandLine, parsed);

      assertThat(exit).isEqualTo(FanoutMain.FAILED);
      assertThat(err.toString())
          .startsWith("fanout: failed: java.lang.IllegalStateException: the disk went away");
      if (verbose) {
        assertThat(err.toString()).contains("\tat ");
      } else {
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--verbose");
      }
    }
  }
}

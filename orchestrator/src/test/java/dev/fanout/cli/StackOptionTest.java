package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.FakeCloudFormation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code --stack} in-process, against a fake of CloudFormation standing where an emulator's single
 * endpoint would (--endpoint): what it resolves, and its usage errors, each one line with exit 2.
 */
class StackOptionTest {
  @TempDir Path temp;

  private static FakeCloudFormation cloudFormation;
  private static String endpoint;

  @BeforeAll
  static void start() throws IOException {
    cloudFormation =
        FakeCloudFormation.start(
            Map.of(
                "fanout",
                Map.of(
                    "FibFunctionName", "fanout-FibFunction-1A2B3C",
                    "SumsqFunctionName", "fanout-SumsqFunction-4D5E6F",
                    "LedgerTableName", "fanout-LedgerTable-7G8H9I"),
                "bare",
                Map.of("ImagesBucketName", "fanout-images-1")));
    endpoint = cloudFormation.endpoint().toString();
  }

  @AfterAll
  static void stop() {
    cloudFormation.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "compare --stack fanout | --stack fanout names functions deployed elsewhere | --aws",
        "bank --ledger dynamodb --stack fanout | --stack fanout | --endpoint URL",
        "compare --aws --stack= | --stack needs the deployed stack's name | fanout",
        "compare --endpoint http://127.0.0.1:1 --cloudformation-endpoint http://127.0.0.1:2"
            + " | --cloudformation-endpoint is where --stack is read | --stack NAME",
        "run -w fib -s lambda --aws --stack s --cloudformation-endpoint http://127.0.0.1:2"
            + " | --cloudformation-endpoint and --aws exclude each other | AWS CloudFormation",
        "compare --endpoint http://127.0.0.1:1 --stack s --cloudformation-endpoint ftp://x"
            + " | --cloudformation-endpoint | ftp://x",
      })
  void badUsage_exitsTwoInOneLine(String args, String first, String second) {
    CliTest.Result result = fanout(args.trim().split(" "));

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(first).contains(second);
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void aStackThatDoesNotExist_stopsTheRunInOneLine_exitTwo() {
    CliTest.Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "lambda",
            "--endpoint",
            endpoint,
            "--stack",
            "gone",
            "--no-html",
            "--journal",
            temp.resolve("run.jsonl").toString());

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith("fanout: --stack gone: no such stack in the CloudFormation at " + endpoint)
        .contains("Stack with id gone does not exist");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aStackWithoutAUnitsOutput_stopsTheRunNamingOutputAndUnit_exitTwo() {
    CliTest.Result result =
        fanout(
            "compare",
            "-w",
            "fib,sumsq",
            "-s",
            "sequential,lambda",
            "--endpoint",
            endpoint,
            "--stack",
            "bare",
            "--no-html",
            "--journal",
            temp.resolve("run.jsonl").toString());

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .contains("--stack bare has no output FibFunctionName, which the unit fib needs")
        .contains("--function fib=NAME");
  }

  @Test
  void bank_withAStackWithoutTheLedgerTable_namesTheOutput_exitTwo() {
    CliTest.Result result =
        fanout(
            "bank",
            "--strategy",
            "lambda",
            "--endpoint",
            endpoint,
            "--stack",
            "bare",
            "--function",
            "transfer=mine");

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .contains("--stack bare has no output LedgerTableName, which the unit transfer needs")
        .contains("--table NAME");
  }

  @Test
  void functionsGivenByName_winOverTheStacks_andTheStackNamesTheRest() {
    CommandLine commandLine = FanoutMain.commandLine();
    commandLine.parseArgs(
        "run",
        "-w",
        "fib",
        "-s",
        "lambda",
        "--endpoint",
        endpoint,
        "--stack",
        "fanout",
        "--function",
        "fib=my-fib");
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();

    assertThat(run.options.lambda.choice(List.of("fib", "sumsq")).functions())
        .isEqualTo(Map.of("fib", "my-fib", "sumsq", "fanout-SumsqFunction-4D5E6F"));
  }

  @Test
  void withNoLambdaStrategy_theStackIsNotRead_andAWarningSaysSo() {
    int before = cloudFormation.requests().size();

    CliTest.Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "sequential",
            "--tasks",
            "1",
            "--no-warmup",
            "--endpoint",
            endpoint,
            "--stack",
            "fanout",
            "--no-html",
            "--journal",
            temp.resolve("run.jsonl").toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("fanout: warning: --stack does nothing here: no lambda strategy runs");
    assertThat(cloudFormation.requests()).hasSize(before);
  }
}

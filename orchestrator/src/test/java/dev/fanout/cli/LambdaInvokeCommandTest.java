package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.ProjectFiles;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fanout lambda invoke} refuses what it cannot invoke before it starts anything. */
class LambdaInvokeCommandTest {
  @TempDir Path dir;

  private static Path template() {
    return ProjectFiles.root().orElseThrow().resolve("template.yaml");
  }

  @Test
  void anUnknownFunction_isOneLineListingTheKnownOnes() {
    CliTest.Result result = fanout("lambda", "invoke", "FibonacciFunction");

    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith("fanout: no function 'FibonacciFunction' in ")
        .contains("FibFunction (fib)")
        .contains("TransferFunction (transfer)")
        .contains("MakeBurgersFunction (make-burgers)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FibFunction | FibFunction",
        "fib | FibFunction",
        "take-orders | TakeOrdersFunction",
        "Fib | ''",
      })
  void aFunction_isNamedByItsLogicalIdOrItsHandler(String given, String expected) {
    var functions = LocalLambdaService.functionsOf(template(), Map.of(), "us-east-1");

    assertThat(LambdaInvokeCommand.named(functions, given).orElse("")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fib --payload {\"n\": | --payload: the event is not JSON",
        "fib --payload {}x | --payload: the event is not JSON",
        "fib -e /no/such/event.json | --event: no file at /no/such/event.json",
        "fib -e events/fib.json --payload {} | mutually exclusive",
      })
  void aBadEvent_isOneLineNamingTheOption(String args, String problem) {
    CliTest.Result result = fanout(("lambda invoke " + args).split(" "));

    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err().lines()).singleElement().asString().contains(problem);
  }

  @Test
  void missingZip_exitsWithUsage_andTheBuildCommand() {
    CliTest.Result result =
        fanout(
            "lambda",
            "invoke",
            "fib",
            "--template",
            template().toString(),
            "--zip",
            dir.resolve("function.zip").toString());

    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err())
        .contains("no function.zip at " + dir.resolve("function.zip"))
        .contains("./mvnw -q -B -pl functions/lambda -am package -DskipTests");
  }

  @Test
  void theErrorObject_becomesTypeAndMessage() {
    assertThat(
            LambdaInvokeCommand.functionError(
                "{\"errorMessage\":\"boom\",\"errorType\":\"Oops\",\"stackTrace\":[]}"))
        .isEqualTo("Oops: boom");
    assertThat(LambdaInvokeCommand.functionError("not json")).isEqualTo("not json");
  }
}

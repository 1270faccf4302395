package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fanout lambda invoke}: one event to the real function.zip on the local Lambda service, the
 * response on standard output, the function's log and REPORT line on standard error.
 */
class LambdaInvokeIT {
  @Test
  void anEventFile_isAnswered_withTheLogAndAColdStartsReportLine() {
    String event = ProjectFiles.root().orElseThrow().resolve("events/fib.json").toString();

    CliTest.Result result = fanout("lambda", "invoke", "FibFunction", "-e", event);

    assertThat(result.exit()).as(result.err()).isEqualTo(FanoutMain.OK);
    assertThat(result.out().strip()).isEqualTo("{\"n\":30,\"value\":514229}");
    assertThat(result.err())
        .containsPattern("START RequestId: \\S+ Version: \\$LATEST")
        .containsPattern("END RequestId: \\S+")
        .containsPattern("REPORT RequestId: \\S+\tDuration: [0-9.]+ ms.*\tInit Duration: ");
  }

  @Test
  void aFunctionError_exitsOne_namingItsTypeAndMessage() {
    CliTest.Result result = fanout("lambda", "invoke", "fib", "--payload", "{\"n\": 99}");

    assertThat(result.exit()).as(result.err()).isEqualTo(FanoutMain.TASKS_FAILED);
    assertThat(result.out()).contains("\"errorType\":\"InvalidInput\"");
    assertThat(result.err()).contains("REPORT RequestId: ");
    assertThat(result.err().strip().lines().toList().getLast())
        .isEqualTo(
            "fanout: FibFunction failed: InvalidInput: fib: field 'n' must be an integer from 1"
                + " to 42, got 99 (number)");
  }

  @Test
  void theLedgerFunction_reachesTheLocalDynamoDbStandIn() {
    String event = ProjectFiles.root().orElseThrow().resolve("events/transfer.json").toString();

    CliTest.Result result = fanout("lambda", "invoke", "transfer", "-e", event);

    assertThat(result.exit()).as(result.err()).isEqualTo(FanoutMain.OK);
    assertThat(result.out()).contains("\"status\"");
    assertThat(result.err()).doesNotContain("LedgerFailed");
  }

  /**
   * The sample events name the articles' public hosts; locally the origin answers in their place,
   * so these work with no network and no public name is ever resolved.
   */
  @ParameterizedTest
  @ValueSource(strings = {"download", "image", "scrape"})
  void theFetchingFunctions_answerTheirSampleEventsFromTheLocalOrigin(String handler) {
    String event =
        ProjectFiles.root().orElseThrow().resolve("events/" + handler + ".json").toString();

    CliTest.Result result = fanout("lambda", "invoke", handler, "-e", event);

    assertThat(result.exit()).as(result.err()).isEqualTo(FanoutMain.OK);
    assertThat(result.out()).doesNotContain("errorType").doesNotContain("FetchFailed");
  }
}

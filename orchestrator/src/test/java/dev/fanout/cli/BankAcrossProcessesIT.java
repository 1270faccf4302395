package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank across processes that share no memory: worker JVMs and Lambda instances (the real
 * function.zip in the local Lambda service) moving money in one table of fanout's local DynamoDB,
 * with transaction conflicts injected so that retries really happen.
 */
class BankAcrossProcessesIT {
  @TempDir Path temp;

  private JsonNode bank(String strategy, int transfers, String... more) throws Exception {
    Path json = temp.resolve(strategy + ".json");
    String[] args = {
      "bank",
      "--strategy",
      strategy,
      "--mode",
      "safe",
      "--transfers",
      Integer.toString(transfers),
      "--concurrency",
      "4",
      "--verify-ms",
      "0",
      "--conflict-every",
      "4",
      "--json",
      json.toString()
    };
    String[] all =
        java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
            .toArray(String[]::new);

    CliTest.Result result = fanout(all);

    assertThat(result.exit()).as(result.err() + result.out()).isZero();
    assertThat(result.out()).contains("dynamodb ledger").contains("invariants hold");
    return new ObjectMapper().readTree(json.toFile());
  }

  private static void assertEveryInvariant(JsonNode report, int transfers) {
    assertThat(report.get("drift").asLong()).isZero();
    assertThat(report.get("finalTotal").asLong()).isEqualTo(report.get("initialTotal").asLong());
    assertThat(report.get("negativeBalances").asInt()).isZero();
    assertThat(report.get("appliedTwice").asInt()).isZero();
    assertThat(report.get("failed").asLong()).isZero();
    assertThat(report.get("applied").asLong() + report.get("refused").asLong())
        .isEqualTo(transfers);
    assertThat(report.get("retries").asLong()).isPositive();
    assertThat(report.get("invariantsHold").asBoolean()).isTrue();
  }

  @Test
  void processes_onOneDynamoDbTable_keepEveryInvariant() throws Exception {
    JsonNode report = bank("processes", 400);

    assertEveryInvariant(report, 400);
    assertThat(report.get("strategy").asText()).isEqualTo("processes");
  }

  @Test
  void lambda_onOneDynamoDbTable_keepsEveryInvariant() throws Exception {
    JsonNode report = bank("lambda", 200, "--max-instances", "2");

    assertEveryInvariant(report, 200);
    assertThat(report.get("lambdaTarget").asText()).contains("local emulation");
  }
}

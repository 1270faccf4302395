package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.ledger.LedgerState;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transfer function from function.zip, invoked through the Lambda API, on a table of fanout's
 * local DynamoDB: a transfer id invoked three times applies once, an overdraft changes nothing.
 */
class BankLambdaIT {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String TABLE = "bank-lambda-it";

  private static LocalDynamoDb dynamo;
  private static DynamoDbLedger ledger;
  private static LocalLambdaService lambda;

  @BeforeAll
  static void start() {
    dynamo = LocalDynamoDb.start();
    ledger =
        DynamoDbLedger.create(
            TABLE, AwsTarget.endpoint(dynamo.endpoint()), Duration.ofSeconds(10), 4);
    DynamoDbLedger.createTableIfMissing(
        DynamoDbLedger.client(AwsTarget.endpoint(dynamo.endpoint()), Duration.ofSeconds(10), 1),
        TABLE);
    Path root = StrategyFixture.projectRoot();
    lambda =
        LocalLambdaService.start(
            LocalLambdaOptions.builder(
                    root.resolve("template.yaml"),
                    root.resolve("functions/lambda/target/function.zip"))
                .maxInstancesPerFunction(1)
                .environment("FANOUT_LEDGER_TABLE", TABLE)
                .environment("FANOUT_LEDGER_ENDPOINT", dynamo.endpoint().toString())
                .build());
  }

  @AfterAll
  static void stop() {
    lambda.close();
    ledger.close();
    dynamo.close();
  }

  @Test
  void sameTransferIdThreeTimes_appliesOnce_andAnOverdraftChangesNothing() {
    ledger.open(Map.of("a", 100L, "b", 100L));
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inputs.add(
          JSON.objectNode()
              .put("from", "a")
              .put("to", "b")
              .put("amount", 30)
              .put("transferId", "x"));
    }
    inputs.add(
        JSON.objectNode()
            .put("from", "b")
            .put("to", "a")
            .put("amount", 500)
            .put("transferId", "y"));
    Workload workload = new Workload("transfer", inputs, 1, "retries");
    LambdaTarget target =
        new LambdaTarget(lambda.endpoint(), "us-east-1", "local emulation", false);

    // One at a time, as a client retrying after each answer would.
    RunResult run =
        new LambdaStrategy(target, 1, Duration.ofMinutes(2), System::nanoTime)
            .run(workload, r -> {});

    assertThat(run.failed()).as("%s", run.tasks()).isZero();
    assertThat(run.tasks())
        .extracting(TaskRecord::output)
        .extracting(output -> output.get("status").asText())
        .containsExactly("applied", "duplicate", "duplicate", "refused");
    assertThat(run.tasks().get(3).output().get("reason").asText())
        .isEqualTo("insufficient funds: b holds 130, the transfer needs 500");
    LedgerState state = ledger.read(List.of("a", "b"), List.of("x", "y"));
    assertThat(state.balances()).isEqualTo(Map.of("a", 70L, "b", 130L));
    assertThat(state.transfers()).hasSize(1);
  }
}

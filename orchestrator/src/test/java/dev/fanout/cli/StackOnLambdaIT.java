package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.FakeCloudFormation;
import dev.fanout.engine.ProjectFiles;
import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare, run and bank through {@code --stack} against a stack "deployed" on this machine: the
 * local Lambda service runs function.zip's fib, sumsq and transfer under generated names only, as
 * AWS names a stack's functions (no FibFunction), and a fake of CloudFormation gives those names
 * and the ledger table as the stack's outputs. A run succeeds only by invoking what the stack
 * names.
 */
class StackOnLambdaIT {
  private static final String STACK = "fanout-lab";
  private static final String FIB = "FanoutLabFibFunction1A2B3C";
  private static final String SUMSQ = "FanoutLabSumsqFunction4D5E6F";
  private static final String TRANSFER = "FanoutLabTransferFunction7G8H9I";
  private static final String TABLE = "fanout-lab-LedgerTable-1XYZ";

  @TempDir static Path temp;
  private static LocalDynamoDb dynamo;
  private static LocalLambdaService lambda;
  private static FakeCloudFormation cloudFormation;

  @BeforeAll
  static void start() throws IOException {
    dynamo = LocalDynamoDb.start();
    Path template = Files.writeString(temp.resolve("deployed.yaml"), deployedTemplate());
    lambda =
        LocalLambdaService.start(
            LocalLambdaOptions.builder(template, ProjectFiles.functionZip())
                .maxInstancesPerFunction(2)
                .environment("FANOUT_LEDGER_ENDPOINT", dynamo.endpoint().toString())
                .build());
    cloudFormation =
        FakeCloudFormation.start(
            Map.of(
                STACK,
                Map.of(
                    "FibFunctionName", FIB,
                    "SumsqFunctionName", SUMSQ,
                    "TransferFunctionName", TRANSFER,
                    "LedgerTableName", TABLE)));
  }

  @AfterAll
  static void stop() {
    cloudFormation.close();
    lambda.close();
    dynamo.close();
  }

  @Test
  void compare_invokesTheFunctionsTheStackNames() {
    CliTest.Result result =
        fanout(
            "compare",
            "-w",
            "fib,sumsq",
            "-s",
            "lambda",
            "--tasks",
            "4",
            "--workers",
            "2",
            "--endpoint",
            lambda.endpoint().toString(),
            "--stack",
            STACK,
            "--cloudformation-endpoint",
            cloudFormation.endpoint().toString(),
            "--no-html",
            "--journal",
            temp.resolve("compare.jsonl").toString());

    assertThat(result.exit()).as(result.err() + result.out()).isZero();
    assertThat(lambda.instanceCounts()).containsKeys(FIB, SUMSQ);
    assertThat(lambda.instanceCounts().get(FIB)).isPositive();
    assertThat(lambda.instanceCounts().get(SUMSQ)).isPositive();
    assertThat(cloudFormation.requests())
        .filteredOn(request -> STACK.equals(request.stackName()))
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request.accessKey()).isEqualTo("fanout"));
  }

  @Test
  void run_withAFunctionGivenByName_invokesThatOne_notTheStacks() {
    CliTest.Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "lambda",
            "--tasks",
            "2",
            "--endpoint",
            lambda.endpoint().toString(),
            "--stack",
            STACK,
            "--cloudformation-endpoint",
            cloudFormation.endpoint().toString(),
            "--function",
            "fib=NoSuchFunction",
            "--no-html",
            "--journal",
            temp.resolve("run.jsonl").toString());

    assertThat(result.exit()).as(result.err() + result.out()).isEqualTo(1);
    assertThat(result.out()).contains("0/2").contains("NoSuchFunction");
  }

  @Test
  void bank_takesTheTransferFunctionAndTheLedgerTableFromTheStack() {
    CliTest.Result result =
        fanout(
            "bank",
            "--strategy",
            "lambda",
            "--transfers",
            "10",
            "--concurrency",
            "2",
            "--verify-ms",
            "0",
            "--endpoint",
            lambda.endpoint().toString(),
            "--stack",
            STACK,
            "--cloudformation-endpoint",
            cloudFormation.endpoint().toString(),
            "--dynamodb-endpoint",
            dynamo.endpoint().toString());

    assertThat(result.exit()).as(result.err() + result.out()).isZero();
    assertThat(result.out())
        .contains("ledger    DynamoDB at " + dynamo.endpoint() + ", table " + TABLE)
        .contains("invariants hold");
    assertThat(lambda.instanceCounts().get(TRANSFER)).isPositive();
  }

  /**
   * The stack's functions as the local service is to run them: function.zip's handlers under the
   * names AWS would generate; the transfer function on the stack's table, as the template wires it.
   */
  private static String deployedTemplate() {
    return """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: java21
            MemorySize: 1024
            Timeout: 60
            Handler: io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest
            CodeUri: function.zip
        Resources:
          %s:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  QUARKUS_LAMBDA_HANDLER: fib
          %s:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  QUARKUS_LAMBDA_HANDLER: sumsq
          %s:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  QUARKUS_LAMBDA_HANDLER: transfer
                  FANOUT_LEDGER_TABLE: %s
        """
        .formatted(FIB, SUMSQ, TRANSFER, TABLE);
  }
}

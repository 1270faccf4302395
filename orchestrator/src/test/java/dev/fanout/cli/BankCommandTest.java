package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fanout bank} in-process: usage errors, exit codes, the report and its JSON. */
class BankCommandTest {
  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bank --strategy processes --ledger memory | --ledger memory | share no memory",
        "bank --strategy lambda --ledger memory | --ledger memory | share no memory",
        "bank --ledger dynamodb --mode unsafe | --mode unsafe | no unsafe mode",
        "bank --strategy processes --mode unsafe | --mode unsafe | no unsafe mode",
        "bank --mode careful | --mode | careful",
        "bank --ledger paper | --ledger | paper",
        "bank --accounts 1 | --accounts | 1",
        "bank --transfers 0 | --transfers | 0",
        "bank --concurrency 0 | --concurrency | 0",
        "bank --strategy warp | --strategy | warp",
        "bank --table t | --table | --ledger dynamodb",
        "bank --ledger dynamodb --aws | --aws needs --table | LedgerTableName",
        "bank --ledger dynamodb --endpoint ftp://x | --endpoint | ftp://x",
        "bank --ledger dynamodb --endpoint http://127.0.0.1:1 --conflict-every 2 | --conflict-every | local",
        "bank --function fib=F | --function | fib",
        "bank --strategy processes --task-timeout 5 | --task-timeout must | 5",
        "bank --task-timeout 5s | --task-timeout | threads",
      })
  void badUsage_exitsTwoSayingWhy(String args, String first, String second) {
    CliTest.Result result = fanout(args.trim().split(" "));

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(first).contains(second);
  }

  @Test
  void safe_threads_conservesEverything_exitsZero_andWritesTheDocumentedJson() throws Exception {
    Path json = temp.resolve("bank.json");

    CliTest.Result result =
        fanout(
            "bank",
            "--strategy",
            "threads",
            "--mode",
            "safe",
            "--transfers",
            "2000",
            "--concurrency",
            "16",
            "--verify-ms",
            "0",
            "--json",
            json.toString());

    assertThat(result.exit()).as(result.err() + result.out()).isZero();
    assertThat(result.out())
        .contains("bank: 2000 transfers, safe mode, memory ledger, threads (concurrency 16)")
        .contains("drift 0")
        .contains("invariants hold");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.fieldNames())
        .toIterable()
        .contains(
            "initialTotal",
            "finalTotal",
            "drift",
            "negativeBalances",
            "appliedTwice",
            "applied",
            "refused",
            "wallMillis",
            "initialBalances",
            "finalBalances",
            "invariantsHold");
    assertThat(report.get("initialTotal").asLong()).isEqualTo(5000);
    assertThat(report.get("finalTotal").asLong()).isEqualTo(5000);
    assertThat(report.get("drift").asLong()).isZero();
    assertThat(report.get("negativeBalances").asInt()).isZero();
    assertThat(report.get("appliedTwice").asInt()).isZero();
    assertThat(report.get("applied").asLong() + report.get("refused").asLong()).isEqualTo(2000);
    assertThat(report.get("invariantsHold").asBoolean()).isTrue();
    assertThat(report.get("initialBalances").get("bank_1").asLong()).isEqualTo(1000);
  }

  @Test
  void unsafe_threads_drifts_andExitsZero_becauseThatIsTheLesson() throws Exception {
    Path json = temp.resolve("unsafe.json");

    CliTest.Result result =
        fanout(
            "bank",
            "--mode",
            "unsafe",
            "--transfers",
            "2000",
            "--concurrency",
            "16",
            "--verify-ms",
            "0",
            "--pause-us",
            "1000",
            "--json",
            json.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("invariants broken (what unsafe mode shows");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("invariantsHold").asBoolean()).isFalse();
    assertThat(report.get("mismatches").size()).isPositive();
  }

  @Test
  void safe_async_onTheLocalDynamoDb_withConflicts_retriesAndKeepsEveryInvariant()
      throws Exception {
    Path json = temp.resolve("dynamo.json");

    CliTest.Result result =
        fanout(
            "bank",
            "--strategy",
            "virtual",
            "--ledger",
            "dynamodb",
            "--transfers",
            "300",
            "--concurrency",
            "16",
            "--verify-ms",
            "0",
            "--conflict-every",
            "3",
            "--json",
            json.toString());

    assertThat(result.exit()).as(result.err() + result.out()).isZero();
    assertThat(result.out()).contains("fanout's local DynamoDB http://127.0.0.1:");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("invariantsHold").asBoolean()).isTrue();
    assertThat(report.get("retries").asLong()).isPositive();
    assertThat(report.get("failed").asLong()).isZero();
    assertThat(report.get("ledger").asText()).isEqualTo("dynamodb");
  }

  @Test
  void dynamoDbEndpointOfYourOwn_getsTheTableCreated_andTheBalancesLeftThere() {
    try (LocalDynamoDb own = LocalDynamoDb.start();
        DynamoDbLedger ledger =
            DynamoDbLedger.create(
                "mine", AwsTarget.endpoint(own.endpoint()), Duration.ofSeconds(10), 2)) {
      CliTest.Result result =
          fanout(
              "bank",
              "--strategy",
              "async",
              "--ledger",
              "dynamodb",
              "--endpoint",
              own.endpoint().toString(),
              "--table",
              "mine",
              "--transfers",
              "50",
              "--verify-ms",
              "0");

      assertThat(result.exit()).as(result.err() + result.out()).isZero();
      assertThat(result.out()).contains("DynamoDB at " + own.endpoint() + ", table mine");
      Map<String, Long> balances =
          ledger
              .read(List.of("bank_1", "bank_2", "bank_3", "bank_4", "bank_5"), List.of())
              .balances();
      assertThat(balances).hasSize(5);
      assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5000);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bank --endpoint http://127.0.0.1:1 | --endpoint is the Lambda endpoint | --dynamodb-endpoint",
        "bank --dynamodb-endpoint http://127.0.0.1:1 | --dynamodb-endpoint | --ledger dynamodb",
        "bank --ledger dynamodb --dynamodb-endpoint ftp://x | --dynamodb-endpoint | ftp://x",
        "bank --ledger dynamodb --dynamodb-endpoint http://127.0.0.1:1 --aws --table t | --dynamodb-endpoint and --aws | choose one",
        "bank --strategy lambda --lambda-endpoint http://127.0.0.1:1 --aws | --lambda-endpoint and --aws | choose one",
        "bank --strategy lambda --dynamodb-endpoint http://127.0.0.1:1 --endpoint http://127.0.0.1:2 --lambda-endpoint http://127.0.0.1:3 | --lambda-endpoint | old name",
      })
  void badEndpoints_exitTwoInOneLine(String args, String first, String second) {
    CliTest.Result result = fanout(args.trim().split(" "));

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines().filter(line -> !line.contains("deprecated")))
        .singleElement()
        .asString()
        .contains(first)
        .contains(second);
  }

  @Test
  void dynamoDbEndpoint_isTheDynamoDbEndpoint_withNoDeprecation() {
    try (LocalDynamoDb own = LocalDynamoDb.start()) {
      CliTest.Result result =
          fanout(
              "bank",
              "--strategy",
              "virtual",
              "--ledger",
              "dynamodb",
              "--dynamodb-endpoint",
              own.endpoint().toString(),
              "--table",
              "named",
              "--transfers",
              "30",
              "--verify-ms",
              "0");

      assertThat(result.exit()).as(result.err() + result.out()).isZero();
      assertThat(result.out()).contains("DynamoDB at " + own.endpoint() + ", table named");
      assertThat(result.err()).doesNotContain("deprecated");
    }
  }

  @Test
  void oldDynamoDbEndpointSpelling_onARunThatInvokesNoLambda_saysSoInOneLine() {
    try (LocalDynamoDb own = LocalDynamoDb.start()) {
      CliTest.Result result =
          fanout(
              "bank",
              "--strategy",
              "threads",
              "--ledger",
              "dynamodb",
              "--endpoint",
              own.endpoint().toString(),
              "--transfers",
              "10",
              "--verify-ms",
              "0");

      assertThat(result.exit()).as(result.err() + result.out()).isZero();
      assertThat(result.out()).contains("DynamoDB at " + own.endpoint() + ", table fanout-bank-");
      assertThat(result.err().lines().filter(line -> line.contains("deprecated")))
          .singleElement()
          .asString()
          .contains("--strategy threads invokes no Lambda")
          .contains("--dynamodb-endpoint");
    }
  }

  /**
   * Where nothing listens: a lambda run against it fails its transfers, but shows where it went.
   */
  /**
   * An endpoint that listens but is no Lambda: an origin, which answers the Invoke API 404, so that
   * the run starts and its transfers fail.
   */
  private static OriginServer notLambda;

  private static String notLambdaEndpoint;

  @BeforeAll
  static void startNotLambda() {
    notLambda = OriginServer.start(OriginOptions.defaults());
    notLambdaEndpoint = notLambda.baseUri().toString();
  }

  @AfterAll
  static void stopNotLambda() {
    notLambda.close();
  }

  @Test
  void endpoint_onALambdaRun_isTheLambdaEndpoint() {
    CliTest.Result result =
        fanout(
            "bank",
            "--strategy",
            "lambda",
            "--endpoint",
            notLambdaEndpoint,
            "--transfers",
            "2",
            "--verify-ms",
            "0");

    assertThat(result.exit()).as(result.err() + result.out()).isEqualTo(1);
    assertThat(result.out())
        .contains("lambda    Lambda endpoint " + notLambdaEndpoint)
        .contains("ledger    fanout's local DynamoDB http://127.0.0.1:");
    assertThat(result.err()).doesNotContain("deprecated");
  }

  @Test
  void oldLambdaEndpointSpelling_isTakenAsEndpoint_withOneDeprecationLine() {
    CliTest.Result result =
        fanout(
            "bank",
            "--strategy",
            "lambda",
            "--lambda-endpoint",
            notLambdaEndpoint,
            "--transfers",
            "2",
            "--verify-ms",
            "0");

    assertThat(result.exit()).as(result.err() + result.out()).isEqualTo(1);
    assertThat(result.out()).contains("lambda    Lambda endpoint " + notLambdaEndpoint);
    assertThat(result.err().lines().filter(line -> line.contains("deprecated")))
        .singleElement()
        .asString()
        .contains("--lambda-endpoint is now --endpoint");
  }

  @Test
  void bothOldSpellings_keepTheirOldMeanings_withOneDeprecationLine() {
    try (LocalDynamoDb own = LocalDynamoDb.start()) {
      CliTest.Result result =
          fanout(
              "bank",
              "--strategy",
              "lambda",
              "--endpoint",
              own.endpoint().toString(),
              "--lambda-endpoint",
              notLambdaEndpoint,
              "--table",
              "old",
              "--transfers",
              "2",
              "--verify-ms",
              "0");

      assertThat(result.exit()).as(result.err() + result.out()).isEqualTo(1);
      assertThat(result.out())
          .contains("ledger    DynamoDB at " + own.endpoint() + ", table old")
          .contains("lambda    Lambda endpoint " + notLambdaEndpoint);
      assertThat(result.err().lines().filter(line -> line.contains("deprecated")))
          .singleElement()
          .asString()
          .contains("--dynamodb-endpoint URL --endpoint URL");
    }
  }
}

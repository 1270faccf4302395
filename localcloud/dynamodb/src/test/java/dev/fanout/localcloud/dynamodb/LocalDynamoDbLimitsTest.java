package dev.fanout.localcloud.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The limits DynamoDB documents, as the AWS SDK meets them on fanout's local DynamoDB. */
class LocalDynamoDbLimitsTest {
  private static final String TABLE = "limits";
  private static LocalDynamoDb dynamo;
  private static DynamoDbClient client;

  @BeforeAll
  static void start() {
    dynamo = LocalDynamoDb.start();
    client =
        DynamoDbClient.builder()
            .endpointOverride(dynamo.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("fanout", "local")))
            .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
            .overrideConfiguration(
                c ->
                    c.apiCallTimeout(Duration.ofSeconds(30))
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    createTable(TABLE);
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
  }

  @Test
  void requestOver16Mb_isRefused413WithAValidationException() {
    String huge = "x".repeat(16 * 1024 * 1024 + 1);

    assertThatThrownBy(
            () ->
                client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("big"), "v", s(huge)))))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.getMessage()).contains("larger than the limit of 16777216");
            });
    // The connection pool and the server are fine afterwards.
    client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("after"))));
    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("after")))).hasItem())
        .isTrue();
  }

  @Test
  void itemOver400Kb_isRefusedWithAValidationException_andOneJustUnderIsKept() {
    String over = "o".repeat(400 * 1024);
    String under = "u".repeat(400 * 1024 - 100);

    assertThatThrownBy(
            () ->
                client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("over"), "v", s(over)))))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Item size has exceeded the maximum allowed size");
            });
    client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("under"), "v", s(under))));

    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("over")))).hasItem())
        .isFalse();
    assertThat(
            client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("under")))).item().get("v"))
        .isEqualTo(s(under));
  }

  @Test
  void updatePastTheItemLimit_isRefused_andTheItemKept() {
    client.putItem(
        r -> r.tableName(TABLE).item(Map.of("id", s("grow"), "a", s("a".repeat(300_000)))));

    assertThatThrownBy(
            () ->
                client.updateItem(
                    r ->
                        r.tableName(TABLE)
                            .key(Map.of("id", s("grow")))
                            .updateExpression("SET b = :b")
                            .expressionAttributeValues(Map.of(":b", s("b".repeat(200_000))))))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Item size to update has exceeded the maximum allowed size"));
    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("grow")))).item())
        .doesNotContainKey("b");
  }

  @Test
  void transactionGrowingAnItemPast400Kb_isCancelledWithAValidationError() {
    client.putItem(
        r -> r.tableName(TABLE).item(Map.of("id", s("tx-grow"), "a", s("a".repeat(300_000)))));
    Update grow =
        Update.builder()
            .tableName(TABLE)
            .key(Map.of("id", s("tx-grow")))
            .updateExpression("SET b = :b")
            .expressionAttributeValues(Map.of(":b", s("b".repeat(200_000))))
            .build();
    Put small = Put.builder().tableName(TABLE).item(Map.of("id", s("tx-small"))).build();

    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r ->
                        r.transactItems(
                            TransactWriteItem.builder().update(grow).build(),
                            TransactWriteItem.builder().put(small).build())))
        .isInstanceOfSatisfying(
            TransactionCanceledException.class,
            e ->
                assertThat(e.cancellationReasons())
                    .extracting(CancellationReason::code)
                    .containsExactly("ValidationError", "None"));
    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("tx-small")))).hasItem())
        .isFalse();

    Put big =
        Put.builder()
            .tableName(TABLE)
            .item(Map.of("id", s("tx-big"), "v", s("v".repeat(410 * 1024))))
            .build();
    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r -> r.transactItems(TransactWriteItem.builder().put(big).build())))
        .isInstanceOf(DynamoDbException.class)
        .isNotInstanceOf(TransactionCanceledException.class)
        .hasMessageContaining("Item size has exceeded the maximum allowed size");
  }

  @Test
  void batchWithOneItemOver400Kb_writesNothing() {
    List<WriteRequest> writes =
        List.of(
            put(Map.of("id", s("batch-small"))),
            put(Map.of("id", s("batch-big"), "v", s("v".repeat(410 * 1024)))));

    assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, writes))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("Item size has exceeded the maximum allowed size");
    assertThat(
            client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("batch-small")))).hasItem())
        .isFalse();
  }

  @Test
  void tableNames_areHeldToDynamoDbsRules() {
    for (String name : List.of("ab", "n".repeat(256), "bad name", "caf\u00e9", "a/b")) {
      assertThatThrownBy(() -> createTable(name))
          .as(name)
          .isInstanceOfSatisfying(
              DynamoDbException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("'tableName'");
              });
    }
    // Checked before the table is looked up, as DynamoDB does.
    assertThatThrownBy(() -> client.describeTable(r -> r.tableName("no")))
        .isNotInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("length greater than or equal to 3");

    String longest = "A-z_0.9" + "n".repeat(248);
    createTable("abc");
    createTable(longest);
    assertThat(client.listTables().tableNames()).contains("abc", longest);
  }

  @Test
  void concurrentClients_eachUpdateAppliedOnce() throws Exception {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("counter"), "n", n(0))));
    int threads = 8;
    int updatesEach = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < updatesEach; i++) {
                    client.updateItem(
                        r ->
                            r.tableName(TABLE)
                                .key(Map.of("id", s("counter")))
                                .updateExpression("ADD n :one")
                                .expressionAttributeValues(Map.of(":one", n(1))));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("counter")))).item())
        .containsEntry("n", n(threads * updatesEach));
  }

  private static void createTable(String name) {
    client.createTable(
        r ->
            r.tableName(name)
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode("PAY_PER_REQUEST"));
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}

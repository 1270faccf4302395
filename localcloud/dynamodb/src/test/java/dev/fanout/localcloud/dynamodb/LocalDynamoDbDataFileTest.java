package dev.fanout.localcloud.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The local DynamoDB with a data file: the next process finds the tables the last one left. */
class LocalDynamoDbDataFileTest {
  @TempDir Path directory;

  @Test
  void aNewProcessFindsEveryAnsweredWrite() {
    Path data = directory.resolve("runs/ledger.dynamodb.jsonl");
    withDynamo(
        data,
        0,
        client -> {
          createTable(client);
          client.putItem(r -> r.tableName("ledger").item(Map.of("id", s("a"), "balance", n(10))));
          client.putItem(r -> r.tableName("ledger").item(Map.of("id", s("b"), "balance", n(0))));
          move(client, "x1", 4);
          client.deleteItem(r -> r.tableName("ledger").key(Map.of("id", s("b"))));
          // Refused writes change nothing and are not kept.
          assertThatThrownBy(
                  () ->
                      client.putItem(
                          r ->
                              r.tableName("ledger")
                                  .item(Map.of("id", s("a"), "balance", n(99)))
                                  .conditionExpression("attribute_not_exists(id)")))
              .isInstanceOf(ConditionalCheckFailedException.class);
        });

    withDynamo(
        data,
        0,
        client -> {
          assertThat(balance(client, "a")).isEqualTo(6);
          assertThat(client.getItem(r -> r.tableName("ledger").key(Map.of("id", s("b")))).hasItem())
              .isFalse();
          assertThat(
                  client.getItem(r -> r.tableName("ledger").key(Map.of("id", s("x1")))).hasItem())
              .isTrue();
          // The transaction's token is remembered too: the same transfer again applies nothing.
          move(client, "x1", 4);
          assertThat(balance(client, "a")).isEqualTo(6);
        });
  }

  @Test
  void conflictsAreNotReplayedLikeNewTransactions() {
    Path data = directory.resolve("conflicts.jsonl");
    withDynamo(
        data,
        2,
        client -> {
          createTable(client);
          client.putItem(r -> r.tableName("ledger").item(Map.of("id", s("a"), "balance", n(100))));
          move(client, "x1", 1);
          assertThatThrownBy(() -> move(client, "x2", 1))
              .isInstanceOf(TransactionCanceledException.class);
          move(client, "x2", 1);
        });

    // Every second transaction conflicts live; replayed, the two that applied apply again.
    withDynamo(data, 2, client -> assertThat(balance(client, "a")).isEqualTo(98));
  }

  @Test
  void aLineCutShortByAKillWasNeverAnsweredAndIsDropped() throws IOException {
    Path data = directory.resolve("cut.jsonl");
    withDynamo(
        data,
        0,
        client -> {
          createTable(client);
          client.putItem(r -> r.tableName("ledger").item(Map.of("id", s("a"), "balance", n(1))));
        });
    Files.writeString(
        data,
        "{\"operation\":\"PutItem\",\"request\":{\"TableName\":\"ledger\",\"Ite",
        StandardOpenOption.APPEND);

    withDynamo(
        data,
        0,
        client -> {
          assertThat(balance(client, "a")).isEqualTo(1);
          client.putItem(r -> r.tableName("ledger").item(Map.of("id", s("a"), "balance", n(2))));
        });
    withDynamo(data, 0, client -> assertThat(balance(client, "a")).isEqualTo(2));
  }

  @Test
  void aFileThatIsNotADataFileIsRefusedByName() throws IOException {
    Path data = directory.resolve("notes.txt");
    Files.writeString(data, "shopping list\nmilk\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> LocalDynamoDb.start("127.0.0.1", 0, 0, data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("not a local DynamoDB's data");
  }

  private static void withDynamo(Path data, int conflictEvery, Consumer<DynamoDbClient> use) {
    try (LocalDynamoDb dynamo = LocalDynamoDb.start("127.0.0.1", 0, conflictEvery, data);
        DynamoDbClient client = client(dynamo.endpoint())) {
      use.accept(client);
    }
  }

  private static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("fanout", "local")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(
            c -> c.apiCallTimeout(Duration.ofSeconds(10)).retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  private static void createTable(DynamoDbClient client) {
    client.createTable(
        request ->
            request
                .tableName("ledger")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
  }

  /** Takes {@code amount} from account a and records the transfer, once per token. */
  private static void move(DynamoDbClient client, String transferId, long amount) {
    client.transactWriteItems(
        r ->
            r.clientRequestToken(transferId)
                .transactItems(
                    TransactWriteItem.builder()
                        .update(
                            Update.builder()
                                .tableName("ledger")
                                .key(Map.of("id", s("a")))
                                .updateExpression("SET balance = balance - :amount")
                                .expressionAttributeValues(Map.of(":amount", n(amount)))
                                .build())
                        .build(),
                    TransactWriteItem.builder()
                        .put(
                            Put.builder()
                                .tableName("ledger")
                                .item(Map.of("id", s(transferId), "amount", n(amount)))
                                .build())
                        .build()));
  }

  private static long balance(DynamoDbClient client, String account) {
    return Long.parseLong(
        client
            .getItem(r -> r.tableName("ledger").key(Map.of("id", s(account))))
            .item()
            .get("balance")
            .n());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}

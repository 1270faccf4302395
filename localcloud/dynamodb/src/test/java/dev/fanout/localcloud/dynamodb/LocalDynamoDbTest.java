package dev.fanout.localcloud.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * fanout's local DynamoDB as the AWS SDK sees it: the operations and errors the ledger relies on.
 */
class LocalDynamoDbTest {
  private static final String TABLE = "ledger";
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
            .httpClientBuilder(Apache5HttpClient.builder())
            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)))
            .build();
    // The table the ledger uses: a string key named id.
    client.createTable(
        request ->
            request
                .tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }

  @Test
  void bindsLoopback_andDescribesItsTables() {
    assertThat(dynamo.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(client.describeTable(r -> r.tableName(TABLE)).table().tableStatusAsString())
        .isEqualTo("ACTIVE");
    assertThat(client.listTables().tableNames()).contains(TABLE);
    assertThatThrownBy(() -> client.describeTable(r -> r.tableName("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                client.createTable(
                    r ->
                        r.tableName(TABLE)
                            .keySchema(k -> k.attributeName("id").keyType("HASH"))
                            .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                            .billingMode("PAY_PER_REQUEST")))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void conditionalPut_andArithmeticUpdate() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("k1"), "v", n(5))));

    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName(TABLE)
                            .item(Map.of("id", s("k1"), "v", n(6)))
                            .conditionExpression("attribute_not_exists(id)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
    var updated =
        client.updateItem(
            r ->
                r.tableName(TABLE)
                    .key(Map.of("id", s("k1")))
                    .updateExpression("SET #v = #v + :d, w = if_not_exists(w, :d)")
                    .conditionExpression("#v >= :min AND NOT attribute_exists(gone)")
                    .expressionAttributeNames(Map.of("#v", "v"))
                    .expressionAttributeValues(Map.of(":d", n(3), ":min", n(5)))
                    .returnValues(ReturnValue.ALL_NEW));
    assertThat(updated.attributes()).containsEntry("v", n(8)).containsEntry("w", n(3));
    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("k1")))).item())
        .containsEntry("v", n(8));
  }

  @Test
  void transaction_isAllOrNothing_withAReasonPerAction() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("x"), "v", n(1))));
    Update debit =
        Update.builder()
            .tableName(TABLE)
            .key(Map.of("id", s("x")))
            .updateExpression("SET v = v - :a")
            .conditionExpression("v >= :a")
            .expressionAttributeValues(Map.of(":a", n(2)))
            .returnValuesOnConditionCheckFailure("ALL_OLD")
            .build();
    Put record = Put.builder().tableName(TABLE).item(Map.of("id", s("rec"))).build();

    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r ->
                        r.transactItems(
                            TransactWriteItem.builder().update(debit).build(),
                            TransactWriteItem.builder().put(record).build())))
        .isInstanceOfSatisfying(
            TransactionCanceledException.class,
            e -> {
              assertThat(e.cancellationReasons())
                  .extracting(reason -> reason.code())
                  .containsExactly("ConditionalCheckFailed", "None");
              assertThat(e.cancellationReasons().get(0).item()).containsEntry("v", n(1));
            });
    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("rec")))).hasItem())
        .isFalse();
  }

  @Test
  void repeatedClientRequestToken_appliesOnce() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("id", s("tok"), "v", n(0))));
    Update add =
        Update.builder()
            .tableName(TABLE)
            .key(Map.of("id", s("tok")))
            .updateExpression("SET v = v + :one")
            .expressionAttributeValues(Map.of(":one", n(1)))
            .build();

    for (int i = 0; i < 3; i++) {
      client.transactWriteItems(
          r ->
              r.clientRequestToken("same-token")
                  .transactItems(List.of(TransactWriteItem.builder().update(add).build())));
    }

    assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("id", s("tok")))).item())
        .containsEntry("v", n(1));
  }
}

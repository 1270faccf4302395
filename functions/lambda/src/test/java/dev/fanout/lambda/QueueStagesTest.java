package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.UnitJson;
import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.sqs.LocalSqs;
import dev.fanout.units.BurgerUnit;
import dev.fanout.units.GrillUnit;
import dev.fanout.units.OrderUnit;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The burger bar's stages as handlers, fed SQS events, sending to a real SQS (the local one) and
 * recording served orders in a real DynamoDB API (the local one).
 */
class QueueStagesTest {
  private static final Duration MARGIN = Duration.ofMillis(100);

  private static LocalSqs sqs;
  private static SqsClient client;
  private static LocalDynamoDb dynamo;
  private static DynamoDbClient dynamoClient;
  private static TestOrigin origin;
  private static ApacheHttpFetcher fetcher;
  private static int queues;

  @BeforeAll
  static void start() {
    sqs = LocalSqs.start("127.0.0.1", 0, "us-east-1");
    client = sqs.client();
    dynamo = LocalDynamoDb.start();
    dynamoClient =
        DynamoDbLedger.client(AwsTarget.endpoint(dynamo.endpoint()), Duration.ofSeconds(5), 4);
    DynamoDbLedger.createTableIfMissing(dynamoClient, "ledger");
    origin = TestOrigin.start();
    fetcher = ApacheHttpFetcher.create(FetchLimits.defaults(), DestinationPolicy.anyHttp());
  }

  @AfterAll
  static void stop() {
    fetcher.close();
    origin.close();
    dynamoClient.close();
    dynamo.close();
    client.close();
    sqs.close();
  }

  @Test
  void takeOrders_sendsEachTakenOrderOn_andNamesOnlyTheFailedRecord() throws IOException {
    NextQueue next = newQueue();
    FakeContext context = new FakeContext(5_000);

    JsonNode answer =
        handle(
            new TakeOrdersHandler(MARGIN, Optional.of(next)),
            event(List.of("{\"customer\": 3}", "{\"customer\": -1}", "{\"customer\": 4}")),
            context);

    assertThat(answer.get("batchItemFailures"))
        .containsExactly(UnitJson.parse("t", "{\"itemIdentifier\": \"m2\"}"));
    List<JsonNode> sent = receiveAll(next.url(), 2);
    assertThat(sent).extracting(m -> m.get("customer").asInt()).containsExactly(3, 4);
    assertThat(sent.getFirst().get("burger").asText()).isIn(OrderUnit.MENU);
    assertThat(context.log().toString()).contains("message m2 failed");
    next.close();
  }

  @Test
  void aBatchWhoseEveryRecordFails_failsAsAWhole_withTheFirstError() {
    NextQueue next = newQueue();
    assertThatThrownBy(
            () ->
                handle(
                    new TakeOrdersHandler(MARGIN, Optional.of(next)),
                    event(List.of("not json", "{\"customer\": \"x\"}")),
                    new FakeContext(5_000)))
        .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("InvalidInput"))
        .hasMessageContaining("not valid JSON");
    assertThat(receiveAll(next.url(), 0)).isEmpty();
    next.close();
  }

  @Test
  void anEventThatIsNoSqsEvent_isInvalidInput() {
    assertThatThrownBy(
            () ->
                handle(
                    new TakeOrdersHandler(MARGIN, Optional.empty()),
                    "{\"customer\": 1}",
                    new FakeContext(5_000)))
        .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("InvalidInput"))
        .hasMessageContaining("an SQS event with a Records list");
  }

  @Test
  void cookPatties_cooksOnTheGrillForTheCookTime_andSendsTheOrderWithItsPatty() throws IOException {
    NextQueue next = newQueue();
    CookPattiesHandler cook =
        new CookPattiesHandler(
            new GrillUnit(fetcher), Optional.of(origin.uri("/")), 7, MARGIN, Optional.of(next));

    handle(
        cook,
        event(List.of("{\"order\": 5, \"customer\": 5, \"burger\": \"hamburger\"}")),
        new FakeContext(5_000));

    JsonNode sent = receiveAll(next.url(), 1).getFirst();
    assertThat(sent.get("order").get("burger").asText()).isEqualTo("hamburger");
    assertThat(sent.get("patty"))
        .isEqualTo(UnitJson.parse("t", "{\"patty\":5,\"cookedMillis\":7}"));
    next.close();
  }

  @Test
  void cookPatties_withoutAGrill_failsEachOrderSayingWhatToSet() {
    assertThatThrownBy(
            () ->
                handle(
                    new CookPattiesHandler(
                        new GrillUnit(fetcher), Optional.empty(), 7, MARGIN, Optional.empty()),
                    event(List.of("{\"order\": 5, \"customer\": 5, \"burger\": \"hamburger\"}")),
                    new FakeContext(5_000)))
        .hasMessageContaining("FANOUT_STAGE_GRILL_URL");
  }

  @Test
  void makeBurgers_servesAnOrderOnce_evenWhenItArrivesTwice() throws IOException {
    NextQueue served = newQueue();
    ServedOrders book = new ServedOrders(dynamoClient, "ledger");
    MakeBurgersHandler make =
        new MakeBurgersHandler(new BurgerUnit(), () -> book, MARGIN, Optional.of(served));
    String cooked =
        "{\"order\": {\"order\": 9, \"customer\": 9, \"burger\": \"bacon burger\"},"
            + " \"patty\": {\"patty\": 9, \"cookedMillis\": 200}}";
    FakeContext first = new FakeContext(5_000);
    FakeContext again = new FakeContext(5_000);

    JsonNode answer = handle(make, event(List.of(cooked)), first);
    JsonNode redelivered = handle(make, event(List.of(cooked)), again);

    assertThat(answer.get("batchItemFailures")).isEmpty();
    assertThat(redelivered.get("batchItemFailures")).isEmpty();
    List<JsonNode> burgers = receiveAll(served.url(), 1);
    assertThat(burgers).hasSize(1);
    assertThat(burgers.getFirst().get("order").asInt()).isEqualTo(9);
    assertThat(burgers.getFirst().get("servedAtMillis").asLong()).isPositive();
    assertThat(again.log().toString()).contains("order 9 was served before: not served twice");
    assertThat(
            dynamoClient
                .getItem(
                    b ->
                        b.tableName("ledger")
                            .key(
                                java.util.Map.of(
                                    "id",
                                    software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                        .fromS("served#9"))))
                .item())
        .containsKey("servedAt");
    served.close();
  }

  private static NextQueue newQueue() {
    String url = client.createQueue(b -> b.queueName("next-" + (++queues))).queueUrl();
    return new NextQueue(url, Optional.of(sqs.endpoint()));
  }

  private static String event(List<String> bodies) {
    ObjectNode event = UnitJson.mapper().createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (int i = 0; i < bodies.size(); i++) {
      records
          .addObject()
          .put("messageId", "m" + (i + 1))
          .put("receiptHandle", "r" + (i + 1))
          .put("body", bodies.get(i))
          .put("eventSource", "aws:sqs");
    }
    return event.toString();
  }

  private static JsonNode handle(QueueStageHandler handler, String event, FakeContext context)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
    return UnitJson.mapper().readTree(out.toByteArray());
  }

  /** Waits briefly for {@code expected} messages, then takes every message there is. */
  private static List<JsonNode> receiveAll(String url, int expected) {
    List<JsonNode> bodies = new ArrayList<>();
    for (int polls = 0; polls < 3 && (bodies.size() < expected || polls == 0); polls++) {
      for (Message message :
          client
              .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages()) {
        bodies.add(UnitJson.parse("t", message.body()));
      }
    }
    return bodies;
  }
}

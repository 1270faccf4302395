package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.lambda.esm.BatchRecord;
import dev.fanout.localcloud.lambda.esm.QueueTrigger;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.localcloud.sqs.LocalSqs;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The burger bar's stages as the real function.zip, fed by the template's queues in the local SQS
 * through the local Lambda service's event source mappings: delivery and deletion, partial batch
 * failures, function errors, dead-lettering, MaximumConcurrency, and orders served once.
 */
class EventSourceMappingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POISON = "{\"customer\": -1}";
  private static final int MAX_RECEIVES = 2;

  private static OriginServer origin;
  private static LocalDynamoDb dynamo;
  private static LocalLambdaService service;
  private static SqsClient sqs;
  private static final CopyOnWriteArrayList<BatchRecord> batches = new CopyOnWriteArrayList<>();
  private static final CopyOnWriteArrayList<String> logs = new CopyOnWriteArrayList<>();
  private static final List<Integer> cookInstances = new CopyOnWriteArrayList<>();
  private static final List<JsonNode> served = new CopyOnWriteArrayList<>();
  private static final List<String> deadLettered = new CopyOnWriteArrayList<>();
  private static int nextCustomer = 1;

  @BeforeAll
  static void start() {
    LambdaTestClients.assumeFunctionZipBuilt();
    origin = OriginServer.start(OriginOptions.defaults());
    dynamo = LocalDynamoDb.start();
    try (DynamoDbClient client =
        DynamoDbLedger.client(AwsTarget.endpoint(dynamo.endpoint()), Duration.ofSeconds(30), 4)) {
      DynamoDbLedger.createTableIfMissing(client, "ledger");
    }
    service =
        LocalLambdaService.start(
            LambdaTestClients.options()
                .queues(true)
                // A cold instance takes a second or two over its first batch: a visibility
                // timeout well past that, or a batch comes back while still being handled.
                .parameter("StageTimeout", "3")
                .parameter("StageVisibilityTimeout", "5")
                .parameter("StageMaxReceiveCount", Integer.toString(MAX_RECEIVES))
                .environment("FANOUT_ALLOW_LOCAL_TARGETS", "true")
                .environment("FANOUT_STAGE_GRILL_URL", origin.baseUri().toString())
                .environment("FANOUT_STAGE_COOK_MILLIS", "50")
                .environment("FANOUT_LEDGER_TABLE", "ledger")
                .environment("FANOUT_LEDGER_ENDPOINT", dynamo.endpoint().toString())
                .batchListener(
                    batch -> {
                      batches.add(batch);
                      if (batch.function().equals("CookPattiesFunction")) {
                        cookInstances.add(service.instanceCounts().get("CookPattiesFunction"));
                      }
                    })
                .logListener(logs::add)
                .build());
    sqs = LocalSqs.client(service.sqsEndpoint().orElseThrow(), "us-east-1");
  }

  @AfterAll
  static void stop() {
    if (sqs != null) {
      sqs.close();
    }
    if (service != null) {
      service.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void theTemplatesMappings_areReadWithTheirSettings() {
    Map<String, QueueTrigger> byFunction = new HashMap<>();
    service.queueTriggers().forEach(t -> byFunction.put(t.function(), t));
    assertThat(byFunction)
        .containsOnlyKeys("TakeOrdersFunction", "CookPattiesFunction", "MakeBurgersFunction");
    QueueTrigger cook = byFunction.get("CookPattiesFunction");
    assertThat(cook.queueUrl()).isEqualTo(service.queues().get("BurgerGrillQueue").url());
    assertThat(cook.batchSize()).isEqualTo(1);
    assertThat(cook.reportBatchItemFailures()).isTrue();
    assertThat(cook.maximumConcurrency()).hasValue(4);
    assertThat(cook.visibilityTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void ordersAreTakenCookedAndServed_andEveryBatchIsDeleted() throws IOException {
    List<String> ids = new ArrayList<>();
    List<Integer> customers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      customers.add(nextCustomer);
      ids.addAll(sendBatch(List.of(order())));
    }

    List<JsonNode> served = awaitServed(customers);

    for (JsonNode burger : served) {
      assertThat(burger.get("patty").asInt()).isEqualTo(burger.get("order").asInt());
    }
    List<BatchRecord> taken = batchesOf(ids);
    assertThat(taken).isNotEmpty().allMatch(b -> b.function().equals("TakeOrdersFunction"));
    for (BatchRecord batch : taken) {
      assertThat(batch.settlement().returned()).isEmpty();
      assertThat(batch.settlement().deleted()).hasSameSizeAs(batch.messages());
      assertThat(batch.requestId()).isNotEmpty();
    }
  }

  @Test
  void aPartlyFailedBatch_returnsOnlyTheFailedMessage_whichEndsInTheDeadLetterQueue() {
    int customer = nextCustomer;
    List<String> ids = sendBatch(List.of(order(), POISON));
    String poison = ids.get(1);

    awaitServed(List.of(customer));
    awaitDeadLettered(List.of(poison));

    List<BatchRecord> poisonBatches = batchesOf(List.of(poison));
    assertThat(poisonBatches).hasSize(MAX_RECEIVES);
    assertThat(poisonBatches).extracting(b -> receiveCount(b, poison)).containsExactly(1, 2);
    for (BatchRecord batch : poisonBatches) {
      assertThat(batch.settlement().returned()).containsExactly(poison);
    }
    assertThat(batchesOf(List.of(ids.get(0))))
        .singleElement()
        .satisfies(b -> assertThat(b.settlement().deleted()).containsExactly(ids.get(0)));
  }

  @Test
  void aBatchThatFailsWhole_isTheFunctionsError_andComesBackAfterTheVisibilityTimeout() {
    String poison = sendBatch(List.of(POISON)).getFirst();

    awaitDeadLettered(List.of(poison));

    List<BatchRecord> tries = batchesOf(List.of(poison));
    assertThat(tries).hasSize(MAX_RECEIVES);
    for (BatchRecord attempt : tries) {
      assertThat(attempt.settlement().reason()).isEqualTo("the function failed");
      assertThat(attempt.settlement().returned()).containsExactly(poison);
    }
    // Received again only once it had been invisible for its visibility timeout (5 s).
    assertThat(receiveCount(tries.get(1), poison)).isEqualTo(2);
    assertThat(tries.get(1).receivedEpochMillis() - tries.get(0).receivedEpochMillis())
        .isGreaterThanOrEqualTo(4_000);
  }

  @Test
  void aRedeliveredOrder_isNotServedTwice() {
    int number = 900_000 + nextCustomer++;
    String cooked =
        "{\"order\": {\"order\": "
            + number
            + ", \"customer\": "
            + number
            + ", \"burger\": \"hamburger\"}, \"patty\": {\"patty\": "
            + number
            + ", \"cookedMillis\": 50}}";
    String assembly = service.queues().get("BurgerAssemblyQueue").url();
    sqs.sendMessage(b -> b.queueUrl(assembly).messageBody(cooked));
    awaitServed(List.of(number));
    sqs.sendMessage(b -> b.queueUrl(assembly).messageBody(cooked));
    waitForLog("order " + number + " was served before: not served twice");

    drain("BurgerServedQueue", Duration.ofSeconds(1));
    assertThat(served.stream().filter(b -> b.get("order").asInt() == number)).hasSize(1);
  }

  @Test
  void fiveHundredOrders_areServedOrDeadLettered_noneLostNoneTwice_withinMaximumConcurrency() {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      orders.add(i % 100 == 7 ? POISON : order());
    }
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < orders.size(); from += 10) {
      ids.addAll(sendBatch(orders.subList(from, from + 10)));
    }
    Map<String, Integer> customerOf = new HashMap<>();
    for (int i = 0; i < orders.size(); i++) {
      customerOf.put(ids.get(i), orders.get(i).equals(POISON) ? -1 : customer(orders.get(i)));
    }

    // Each order ends served (its burger in the served queue) or dead-lettered (its message in
    // the dead-letter queue): wait until every one has.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (ended(customerOf) < orders.size() && System.nanoTime() < deadline) {
      drain("BurgerServedQueue", Duration.ofSeconds(1));
      drain("BurgerDeadLetterQueue", Duration.ofSeconds(0));
    }

    Set<Integer> servedCustomers = new HashSet<>();
    int servedOfOurs = 0;
    for (JsonNode burger : served) {
      int customer = burger.get("customer").asInt();
      if (customerOf.containsValue(customer)) {
        servedOfOurs++;
        assertThat(servedCustomers.add(customer)).as("customer %d served twice", customer).isTrue();
      }
    }
    List<String> deadOfOurs = deadLettered.stream().filter(customerOf::containsKey).toList();
    assertThat(deadOfOurs).doesNotHaveDuplicates();
    for (String id : deadOfOurs) {
      assertThat(servedCustomers).as("dead-lettered and served").doesNotContain(customerOf.get(id));
    }
    assertThat(servedOfOurs + deadOfOurs.size()).as("served + dead-lettered").isEqualTo(500);
    assertThat(deadOfOurs)
        .as("the poison orders are dead-lettered")
        .containsAll(ids.stream().filter(id -> customerOf.get(id) == -1).toList());
    assertThat(maxOverlap("CookPattiesFunction")).isLessThanOrEqualTo(4);
    assertThat(maxOverlap("TakeOrdersFunction")).isLessThanOrEqualTo(2);
    assertThat(maxOverlap("MakeBurgersFunction")).isLessThanOrEqualTo(2);
    assertThat(cookInstances).isNotEmpty().allMatch(count -> count <= 4);
    assertThat(service.instanceCounts().get("TakeOrdersFunction")).isLessThanOrEqualTo(2);
  }

  private static int ended(Map<String, Integer> customerOf) {
    Set<Integer> customers = new HashSet<>(customerOf.values());
    long servedCount =
        served.stream().filter(b -> customers.contains(b.get("customer").asInt())).count();
    long deadCount = deadLettered.stream().filter(customerOf::containsKey).count();
    return (int) (servedCount + deadCount);
  }

  private static int customer(String order) {
    try {
      return JSON.readTree(order).get("customer").asInt();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---- helpers ----

  private static String order() {
    return "{\"customer\": " + nextCustomer++ + "}";
  }

  /** Sends the bodies in one call, so that they are received together; returns their ids. */
  private static List<String> sendBatch(List<String> bodies) {
    String orders = service.queues().get("BurgerOrdersQueue").url();
    List<SendMessageBatchRequestEntry> entries =
        IntStream.range(0, bodies.size())
            .mapToObj(
                i ->
                    SendMessageBatchRequestEntry.builder()
                        .id("e" + i)
                        .messageBody(bodies.get(i))
                        .build())
            .toList();
    var sent = sqs.sendMessageBatch(b -> b.queueUrl(orders).entries(entries));
    assertThat(sent.failed()).isEmpty();
    Map<String, String> byEntry = new HashMap<>();
    sent.successful().forEach(s -> byEntry.put(s.id(), s.messageId()));
    return IntStream.range(0, bodies.size()).mapToObj(i -> byEntry.get("e" + i)).toList();
  }

  /** The served burgers of these customers (or orders), waiting up to a minute for all. */
  private static List<JsonNode> awaitServed(List<Integer> customers) {
    Set<Integer> wanted = new HashSet<>(customers);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (mine(wanted).size() < wanted.size() && System.nanoTime() < deadline) {
      drain("BurgerServedQueue", Duration.ofSeconds(1));
    }
    assertThat(mine(wanted)).extracting(b -> b.get("customer").asInt()).containsAll(wanted);
    return mine(wanted);
  }

  private static List<JsonNode> mine(Set<Integer> customers) {
    return served.stream().filter(b -> customers.contains(b.get("customer").asInt())).toList();
  }

  private static void awaitDeadLettered(List<String> ids) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!deadLettered.containsAll(ids) && System.nanoTime() < deadline) {
      drain("BurgerDeadLetterQueue", Duration.ofSeconds(1));
    }
    assertThat(deadLettered).containsAll(ids);
  }

  /** Receives and deletes what a queue holds, into what the tests have seen of it. */
  private static synchronized void drain(String queue, Duration wait) {
    String url = service.queues().get(queue).url();
    List<Message> got =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds((int) wait.toSeconds()))
            .messages();
    for (Message message : got) {
      if (queue.equals("BurgerServedQueue")) {
        try {
          served.add(JSON.readTree(message.body()));
        } catch (IOException e) {
          throw new AssertionError("a served burger that is not JSON: " + message.body(), e);
        }
      } else {
        deadLettered.add(message.messageId());
      }
      sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
    }
  }

  private static List<BatchRecord> batchesOf(List<String> messageIds) {
    return batches.stream()
        .filter(b -> b.messages().stream().anyMatch(m -> messageIds.contains(m.messageId())))
        .toList();
  }

  private static int receiveCount(BatchRecord batch, String messageId) {
    return batch.messages().stream()
        .filter(m -> m.messageId().equals(messageId))
        .findFirst()
        .orElseThrow()
        .receiveCount();
  }

  /** The most invocations of {@code function} the mappings ran at once, from their records. */
  private static int maxOverlap(String function) {
    List<long[]> events = new ArrayList<>();
    for (BatchRecord batch : batches) {
      if (batch.function().equals(function)) {
        events.add(new long[] {batch.invokedEpochMillis(), 1});
        events.add(new long[] {batch.endedEpochMillis(), -1});
      }
    }
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int running = 0;
    int most = 0;
    for (long[] event : events) {
      running += (int) event[1];
      most = Math.max(most, running);
    }
    return most;
  }

  private static void waitForLog(String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (logs.stream().noneMatch(log -> log.contains(text)) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(logs).anyMatch(log -> log.contains(text));
  }
}

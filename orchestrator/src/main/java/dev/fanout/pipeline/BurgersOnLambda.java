package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Concurrent Burgers on Lambda: the stages are functions fed by SQS queues through event source
 * mappings (template.yaml's burger bar), and this is the door. It lets customers in while fewer
 * than the shop's open orders are open (SQS queues have no bound: the article's queue of five
 * becomes the door's rule), sends each order to the orders queue, and watches the served queue and
 * the dead-letter queue until every order has ended in one of them.
 */
public final class BurgersOnLambda {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stages' functions, with the name their work has in the in-JVM runs. */
  public static final Map<String, String> STAGES =
      Map.of(
          "TakeOrdersFunction", "take order",
          "CookPattiesFunction", "cook",
          "MakeBurgersFunction", "make burger");

  /** Where the pipeline runs, and what the local service lets one see of it. */
  public interface Cloud {
    SqsClient sqs();

    /** The URL of the template's queue of this logical id. */
    String queueUrl(String logicalId);

    /** How many patties cook at once: the cook stage's MaximumConcurrency. */
    int grillPlaces();

    /** Each batch a stage's mapping settled so far, in the order they were. */
    List<StageBatch> batches();

    /** Orders the last stage found served already, and did not serve again. */
    long duplicatesSuppressed();
  }

  /**
   * One batch a stage's event source mapping handed its function.
   *
   * @param function the stage's function
   * @param requestId the invocation's id
   * @param messages its messages, in the order the function got them
   */
  public record StageBatch(
      String function,
      String requestId,
      List<Message> messages,
      long invokedNanos,
      long endedNanos) {

    /**
     * One message of a batch.
     *
     * @param order the order it was about
     * @param receiveCount how many times it had been received, this time included
     * @param sentNanos when it was sent to the queue
     * @param returned whether it came back to the queue
     */
    public record Message(int order, int receiveCount, long sentNanos, boolean returned) {}
  }

  private final BurgerShop shop;
  private final int poison;
  private final Duration patience;
  private final LongSupplier nanoTime;

  /**
   * @param poison orders among the shop's that always fail the first stage, spread evenly
   * @param patience how long after the last order was sent an order may take before it is counted
   *     lost (neither served nor dead-lettered)
   */
  public BurgersOnLambda(BurgerShop shop, int poison, Duration patience, LongSupplier nanoTime) {
    if (poison < 0 || poison > shop.orders()) {
      throw new IllegalArgumentException(
          "poison orders must be 0.." + shop.orders() + " (the orders), got " + poison);
    }
    this.shop = shop;
    this.poison = poison;
    this.patience = patience;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether order {@code number} (1-based) is one of the poison orders: the k-th of them is order
   * (k * (orders + 1)) / (poison + 1), whole steps of at least one apart, so none coincide.
   */
  boolean isPoison(int number) {
    for (long k = 1; k <= poison; k++) {
      if (number == k * (shop.orders() + 1) / (poison + 1)) {
        return true;
      }
    }
    return false;
  }

  /** The body customer {@code number} sends: an order, or one no stage can take. */
  String body(int number) {
    return isPoison(number)
        ? "{\"order\": " + number + ", \"customer\": -1}"
        : "{\"order\": " + number + ", \"customer\": " + number + "}";
  }

  public MenuRun run(Cloud cloud) {
    SqsClient sqs = cloud.sqs();
    String orders = cloud.queueUrl("BurgerOrdersQueue");
    Semaphore door = new Semaphore(shop.openOrders());
    Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    Map<Integer, OrderOutcome> ended = new ConcurrentHashMap<>();
    AtomicInteger servedTwice = new AtomicInteger();
    QueueTrace open = new QueueTrace("open orders", shop.openOrders());
    AtomicInteger openNow = new AtomicInteger();
    AtomicBoolean watching = new AtomicBoolean(true);
    long start = nanoTime.getAsLong();
    open.record(start, 0);
    List<QueueTrace> depths = new ArrayList<>();
    try (ExecutorService watchers = Executors.newVirtualThreadPerTaskExecutor()) {
      watchers.execute(
          () ->
              watch(
                  sqs,
                  cloud.queueUrl("BurgerServedQueue"),
                  watching,
                  body -> {
                    int number = body.path("order").asInt();
                    OrderOutcome outcome =
                        new OrderOutcome(number, start, nanoTime.getAsLong(), null);
                    if (ended.putIfAbsent(number, outcome) != null) {
                      servedTwice.incrementAndGet();
                      return;
                    }
                    changeOpen(open, openNow, -1);
                    door.release();
                  }));
      watchers.execute(
          () ->
              watch(
                  sqs,
                  cloud.queueUrl("BurgerDeadLetterQueue"),
                  watching,
                  body -> {
                    int number = body.path("order").asInt();
                    OrderOutcome outcome =
                        new OrderOutcome(
                            number,
                            start,
                            nanoTime.getAsLong(),
                            "DeadLettered: a stage failed it on every delivery");
                    if (ended.putIfAbsent(number, outcome) == null) {
                      changeOpen(open, openNow, -1);
                      door.release();
                    }
                  }));
      Map<String, QueueTrace> sampled = new LinkedHashMap<>();
      for (String queue : List.of("BurgerOrdersQueue", "BurgerGrillQueue", "BurgerAssemblyQueue")) {
        sampled.put(queue, new QueueTrace(queue, 0));
      }
      watchers.execute(() -> sampleDepths(sqs, cloud, sampled, watching));

      for (int number = 1; number <= shop.orders(); number++) {
        door.acquireUninterruptibly();
        int customer = number;
        sentAt.put(customer, nanoTime.getAsLong());
        changeOpen(open, openNow, 1);
        sqs.sendMessage(b -> b.queueUrl(orders).messageBody(body(customer)));
      }
      long deadline = nanoTime.getAsLong() + patience.toNanos();
      while (ended.size() < shop.orders() && nanoTime.getAsLong() < deadline) {
        sleep(Duration.ofMillis(20));
      }
      watching.set(false);
      sampled.values().forEach(depths::add);
    }
    long end = nanoTime.getAsLong();
    List<OrderOutcome> outcomes = new ArrayList<>(ended.values());
    for (int number = 1; number <= shop.orders(); number++) {
      if (!ended.containsKey(number)) {
        outcomes.add(
            new OrderOutcome(
                number,
                start,
                end,
                "Lost: neither served nor dead-lettered within " + patience.toSeconds() + " s"));
      }
    }
    List<StageBatch> batches = cloud.batches();
    List<Span> spans = spans(batches);
    List<Delivery> deliveries = deliveries(batches);
    long redeliveries = deliveries.stream().filter(d -> d.receiveCount() > 1).count();
    QueueTrace openOrders;
    synchronized (open) {
      openOrders = open.copy();
    }
    Map<String, Long> facts = new LinkedHashMap<>();
    facts.put("maxOpenOrders", (long) openOrders.maxDepth());
    facts.put("grill", (long) cloud.grillPlaces());
    facts.put("cookMillis", shop.cook().toMillis());
    facts.put("poison", (long) poison);
    facts.put(
        "deadLettered",
        outcomes.stream().filter(o -> !o.served() && o.error().startsWith("DeadLettered")).count());
    facts.put("redeliveries", redeliveries);
    facts.put("duplicatesSuppressed", cloud.duplicatesSuppressed());
    facts.put("servedTwice", (long) servedTwice.get());
    facts.put("batches", (long) batches.size());
    // Every customer arrives when the doors open, as in the other runs; in the pipeline an order
    // is from when the door sent it to when it was served.
    List<Long> inPipeline =
        outcomes.stream()
            .filter(OrderOutcome::served)
            .map(o -> Math.round((o.doneNanos() - sentAt.get(o.order())) / 1e6))
            .sorted()
            .toList();
    if (!inPipeline.isEmpty()) {
      facts.put("inPipelineP50Millis", inPipeline.get((inPipeline.size() - 1) / 2));
      facts.put(
          "inPipelineP95Millis",
          inPipeline.get(Math.max(0, (int) Math.ceil(0.95 * inPipeline.size()) - 1)));
    }
    List<QueueTrace> queues = new ArrayList<>();
    queues.add(openOrders);
    queues.addAll(depths.stream().map(QueueTrace::copy).toList());
    return new MenuRun(
        Menu.BURGERS.label(),
        StrategyKind.LAMBDA,
        shop.orders(),
        start,
        end,
        outcomes,
        spans,
        queues,
        List.of(),
        facts,
        deliveries);
  }

  private static List<Delivery> deliveries(List<StageBatch> batches) {
    List<Delivery> deliveries = new ArrayList<>();
    for (StageBatch batch : batches) {
      for (StageBatch.Message message : batch.messages()) {
        deliveries.add(
            new Delivery(
                STAGES.getOrDefault(batch.function(), batch.function()),
                message.order(),
                message.receiveCount(),
                message.sentNanos(),
                batch.invokedNanos(),
                batch.endedNanos(),
                batch.requestId(),
                message.returned()));
      }
    }
    deliveries.sort(Comparator.comparingLong(Delivery::invokedNanos));
    return deliveries;
  }

  /** Orders open change from the door's thread and the watchers': one at a time, in order. */
  private void changeOpen(QueueTrace open, AtomicInteger openNow, int delta) {
    synchronized (open) {
      open.record(nanoTime.getAsLong(), openNow.addAndGet(delta));
    }
  }

  /** One span per order per batch, on a lane per concurrent invocation of each stage. */
  private static List<Span> spans(List<StageBatch> batches) {
    Map<String, List<Long>> lanesBusyUntil = new HashMap<>();
    List<StageBatch> byStart = new ArrayList<>(batches);
    byStart.sort((a, b) -> Long.compare(a.invokedNanos(), b.invokedNanos()));
    List<Span> spans = new ArrayList<>();
    for (StageBatch batch : byStart) {
      List<Long> lanes = lanesBusyUntil.computeIfAbsent(batch.function(), f -> new ArrayList<>());
      int lane = 0;
      while (lane < lanes.size() && lanes.get(lane) > batch.invokedNanos()) {
        lane++;
      }
      if (lane == lanes.size()) {
        lanes.add(batch.endedNanos());
      } else {
        lanes.set(lane, batch.endedNanos());
      }
      String stage = STAGES.getOrDefault(batch.function(), batch.function());
      for (StageBatch.Message message : batch.messages()) {
        spans.add(
            new Span(
                stage,
                batch.function() + " " + (lane + 1),
                Span.Subject.ORDER,
                message.order(),
                batch.invokedNanos(),
                batch.endedNanos(),
                -1,
                message.returned() ? "returned to its queue" : null));
      }
    }
    return spans;
  }

  /**
   * The order a stage's message is about, whichever stage's queue it was in: {@code {"order": N,
   * ...}} before the grill, {@code {"order": {"order": N, ...}, ...}} after it; -1 for neither.
   */
  public static int orderOf(JsonNode body) {
    JsonNode order = body.path("order");
    return order.isObject() ? order.path("order").asInt(-1) : order.asInt(-1);
  }

  /** Long-polls a queue, hands each body over, and deletes it, until told to stop. */
  private static void watch(
      SqsClient sqs,
      String url,
      AtomicBoolean watching,
      java.util.function.Consumer<JsonNode> each) {
    while (watching.get()) {
      List<software.amazon.awssdk.services.sqs.model.Message> got =
          sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (software.amazon.awssdk.services.sqs.model.Message message : got) {
        try {
          each.accept(JSON.readTree(message.body()));
        } catch (IOException e) {
          // Not one of this door's orders: left to whoever sent it, deleted all the same.
        }
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
  }

  private void sampleDepths(
      SqsClient sqs, Cloud cloud, Map<String, QueueTrace> traces, AtomicBoolean watching) {
    while (watching.get()) {
      for (Map.Entry<String, QueueTrace> trace : traces.entrySet()) {
        Map<QueueAttributeName, String> attributes =
            sqs.getQueueAttributes(
                    b ->
                        b.queueUrl(cloud.queueUrl(trace.getKey()))
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        int depth =
            Integer.parseInt(
                    attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(
                    attributes.getOrDefault(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        trace.getValue().record(nanoTime.getAsLong(), depth);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

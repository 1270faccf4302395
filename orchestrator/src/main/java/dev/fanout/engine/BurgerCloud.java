package dev.fanout.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.localcloud.lambda.esm.BatchRecord;
import dev.fanout.localcloud.sqs.LocalQueue;
import dev.fanout.localcloud.sqs.LocalSqs;
import dev.fanout.pipeline.BurgerShop;
import dev.fanout.pipeline.BurgersOnLambda;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The burger bar on the local Lambda service: its stages from template.yaml, fed by the template's
 * queues in a local SQS, the grill at the lunch's origin, served orders recorded in the ledger
 * table of a local DynamoDB ({@link StandIns}). Everything is started here and stopped on close.
 */
final class BurgerCloud implements Lunch.AutoCloseableCloud {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A stage's timeout in the lunch, and its queues' visibility timeout (at least the timeout, as
   * AWS requires). Up to eight instances start at once on a laptop's cores, a few seconds each, and
   * a cold instance's first batch must fit; a poison order is then dead-lettered after its three
   * deliveries in about half a minute, rather than the deployed template's three minutes.
   */
  static final Duration STAGE_TIMEOUT = Duration.ofSeconds(10);

  static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);

  private final StandIns standIns;
  private final LocalLambdaService service;
  private final SqsClient sqs;
  private final LongSupplier nanoTime;
  private final long epochOffsetNanos;
  private final List<BatchRecord> batches;
  private final AtomicLong duplicates;

  private BurgerCloud(
      StandIns standIns,
      LocalLambdaService service,
      List<BatchRecord> batches,
      AtomicLong duplicates,
      LongSupplier nanoTime) {
    this.standIns = standIns;
    this.service = service;
    this.batches = batches;
    this.duplicates = duplicates;
    this.sqs = LocalSqs.client(service.sqsEndpoint().orElseThrow(), service.options().region());
    this.nanoTime = nanoTime;
    // Batch records carry wall-clock times; the run's clock is nanoTime.
    this.epochOffsetNanos = nanoTime.getAsLong() - System.currentTimeMillis() * 1_000_000L;
  }

  static BurgerCloud open(LambdaChoice choice, BurgerShop shop, URI grill, LongSupplier nanoTime) {
    if (choice.remote()) {
      throw new IllegalArgumentException(
          "burgers on lambda run on the local Lambda service, whose queues this run creates; on"
              + " AWS, deploy template.yaml and send orders to its BurgerOrdersQueueUrl");
    }
    StandIns standIns = StandIns.withGrill(grill);
    try {
      List<BatchRecord> batches = new CopyOnWriteArrayList<>();
      AtomicLong duplicates = new AtomicLong();
      Map<String, String> environment = new LinkedHashMap<>(standIns.environment());
      environment.put("FANOUT_STAGE_COOK_MILLIS", Long.toString(shop.cook().toMillis()));
      LocalLambdaOptions options =
          LambdaBackend.localOptions(
                  choice, environment, ProjectFiles.template(), ProjectFiles.functionZip())
              .toBuilder()
              // Instances stay warm between orders: the lunch's short idle timeout is the
              // coffees', whose point is reclaiming them.
              .idleTimeout(LocalLambdaOptions.DEFAULT_IDLE_TIMEOUT)
              .queues(true)
              .parameter("StageTimeout", Long.toString(STAGE_TIMEOUT.toSeconds()))
              .parameter("StageVisibilityTimeout", Long.toString(VISIBILITY_TIMEOUT.toSeconds()))
              .batchListener(batches::add)
              .logListener(
                  log -> {
                    if (log.contains("was served before: not served twice")) {
                      duplicates.incrementAndGet();
                    }
                  })
              .build();
      return new BurgerCloud(
          standIns, LocalLambdaService.start(options), batches, duplicates, nanoTime);
    } catch (RuntimeException e) {
      standIns.close();
      throw e;
    }
  }

  @Override
  public SqsClient sqs() {
    return sqs;
  }

  @Override
  public String queueUrl(String logicalId) {
    LocalQueue queue = service.queues().get(logicalId);
    if (queue == null) {
      throw new IllegalStateException(
          "template.yaml has no queue "
              + logicalId
              + "; its queues are "
              + service.queues().keySet());
    }
    return queue.url();
  }

  @Override
  public int grillPlaces() {
    return service.queueTriggers().stream()
        .filter(trigger -> trigger.function().equals("CookPattiesFunction"))
        .mapToInt(
            trigger -> trigger.concurrency(service.concurrencyLimits().get(trigger.function())))
        .findFirst()
        .orElse(1);
  }

  @Override
  public List<BurgersOnLambda.StageBatch> batches() {
    List<BurgersOnLambda.StageBatch> stages = new ArrayList<>();
    for (BatchRecord batch : batches) {
      List<BurgersOnLambda.StageBatch.Message> messages = new ArrayList<>();
      for (BatchRecord.Received message : batch.messages()) {
        messages.add(
            new BurgersOnLambda.StageBatch.Message(
                orderOf(message.body()),
                message.receiveCount(),
                toNanos(message.sentEpochMillis()),
                batch.settlement().returned().contains(message.messageId())));
      }
      stages.add(
          new BurgersOnLambda.StageBatch(
              batch.function(),
              batch.requestId(),
              messages,
              toNanos(batch.invokedEpochMillis()),
              toNanos(batch.endedEpochMillis())));
    }
    return stages;
  }

  @Override
  public long duplicatesSuppressed() {
    return duplicates.get();
  }

  private static int orderOf(String body) {
    try {
      return BurgersOnLambda.orderOf(JSON.readTree(body));
    } catch (IOException e) {
      return -1;
    }
  }

  private long toNanos(long epochMillis) {
    return epochOffsetNanos + epochMillis * 1_000_000L;
  }

  @Override
  public void close() {
    sqs.close();
    service.close();
    standIns.close();
  }
}

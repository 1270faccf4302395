package dev.fanout.localcloud.lambda.esm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local Lambda service's SQS event source mappings: for each enabled {@link QueueTrigger}, as
 * many {@link QueuePoller} lanes as it may run batches at once, polling through the AWS SDK like
 * any SQS client.
 */
public final class EventSourceMappings implements AutoCloseable {
  private final SqsClient sqs;
  private final ExecutorService lanes;
  private final List<QueueTrigger> triggers;
  private volatile boolean running = true;

  private EventSourceMappings(SqsClient sqs, ExecutorService lanes, List<QueueTrigger> triggers) {
    this.sqs = sqs;
    this.lanes = lanes;
    this.triggers = List.copyOf(triggers);
  }

  /**
   * Starts polling.
   *
   * @param functionLimits each function's concurrency limit, which a mapping never passes
   * @param sqs a client of the queues' SQS; closed with the mappings
   */
  public static EventSourceMappings start(
      List<QueueTrigger> triggers,
      Map<String, Integer> functionLimits,
      SqsClient sqs,
      String region,
      Invoker invoker,
      BatchRecord.Listener listener) {
    ExecutorService lanes =
        Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("locallambda-sqs-", 0).daemon(true).factory());
    EventSourceMappings mappings = new EventSourceMappings(sqs, lanes, triggers);
    for (QueueTrigger trigger : triggers) {
      if (!trigger.enabled()) {
        continue;
      }
      int width = trigger.concurrency(functionLimits.getOrDefault(trigger.function(), 1));
      for (int lane = 0; lane < width; lane++) {
        lanes.execute(
            new QueuePoller(trigger, region, sqs, invoker, listener, () -> mappings.running));
      }
    }
    return mappings;
  }

  /** The mappings, enabled or not, as read from the template. */
  public List<QueueTrigger> triggers() {
    return triggers;
  }

  /**
   * Stops polling: batches being handled finish (their invocation ends and they are settled); long
   * polls are cut by closing the client.
   */
  @Override
  public void close() {
    running = false;
    lanes.shutdown();
    try {
      if (!lanes.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        sqs.close(); // cuts the long polls still waiting
        lanes.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sqs.close();
    }
  }
}

package dev.fanout.localcloud.lambda.esm;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * One event source mapping: a function's {@code Events: {Type: SQS}} entry, with AWS's defaults and
 * limits for a standard queue.
 *
 * @param function the function it invokes
 * @param event the event's name in the template, e.g. {@code OrdersArrive}
 * @param queueArn the queue it polls
 * @param queueUrl where that queue is reached
 * @param visibilityTimeout the queue's: how long a received batch stays invisible
 * @param batchSize BatchSize: the most records per invocation (1..10,000, default 10)
 * @param batchingWindow MaximumBatchingWindowInSeconds: how long to gather a batch (0..300 s)
 * @param reportBatchItemFailures FunctionResponseTypes holds ReportBatchItemFailures
 * @param maximumConcurrency ScalingConfig.MaximumConcurrency (2..1,000), when set
 * @param enabled Enabled (default true)
 */
public record QueueTrigger(
    String function,
    String event,
    String queueArn,
    String queueUrl,
    Duration visibilityTimeout,
    int batchSize,
    Duration batchingWindow,
    boolean reportBatchItemFailures,
    OptionalInt maximumConcurrency,
    boolean enabled) {

  public static final int DEFAULT_BATCH_SIZE = 10;
  public static final int MAX_BATCH_SIZE = 10_000;

  /** One SQS ReceiveMessage returns at most this many messages. */
  public static final int MAX_MESSAGES_PER_RECEIVE = 10;

  public static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);

  public QueueTrigger {
    String where = function + "." + event;
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          where + ": BatchSize must be 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
    }
    if (batchingWindow.isNegative() || batchingWindow.compareTo(MAX_BATCHING_WINDOW) > 0) {
      throw new IllegalArgumentException(
          where
              + ": MaximumBatchingWindowInSeconds must be 0..300, got "
              + batchingWindow.toSeconds());
    }
    if (batchSize > MAX_MESSAGES_PER_RECEIVE && batchingWindow.isZero()) {
      // AWS refuses the mapping: a batch past one receive's 10 messages must be gathered.
      throw new IllegalArgumentException(
          where
              + ": a BatchSize above 10 needs MaximumBatchingWindowInSeconds of at least 1, as"
              + " AWS requires");
    }
    if (maximumConcurrency.isPresent()
        && (maximumConcurrency.getAsInt() < 2 || maximumConcurrency.getAsInt() > 1_000)) {
      throw new IllegalArgumentException(
          where
              + ": ScalingConfig.MaximumConcurrency must be 2..1000, got "
              + maximumConcurrency.getAsInt());
    }
  }

  /**
   * The most batches this mapping runs at once: its MaximumConcurrency, else the function's own
   * limit; never more than the function's limit, which still applies.
   */
  public int concurrency(int functionLimit) {
    return Math.max(1, Math.min(functionLimit, maximumConcurrency.orElse(functionLimit)));
  }
}

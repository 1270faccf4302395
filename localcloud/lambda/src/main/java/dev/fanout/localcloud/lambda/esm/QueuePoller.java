package dev.fanout.localcloud.lambda.esm;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One lane of an event source mapping: long-polls the queue, gathers a batch (up to BatchSize or
 * until the batching window closes), invokes the function with it and waits, then deletes what the
 * {@link Settlement} says is done. A mapping runs as many lanes as it may run batches at once, so
 * its concurrency never passes that number.
 */
final class QueuePoller implements Runnable {
  private static final System.Logger LOG = System.getLogger(QueuePoller.class.getName());

  /** The error SQS answers a delete with a receipt handle of an earlier receive. */
  private static final String STALE_RECEIPT = "ReceiptHandleIsInvalid";

  /** SQS's longest long poll. */
  static final int LONG_POLL_SECONDS = 20;

  /** First wait after a throttled invocation; doubled on each retry, up to a second. */
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(20);

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  /** Between polls that do not wait, in a batching window's last second. */
  private static final Duration SHORT_POLL_PAUSE = Duration.ofMillis(20);

  private final QueueTrigger trigger;
  private final String region;
  private final SqsClient sqs;
  private final Invoker invoker;
  private final BatchRecord.Listener listener;
  private final BooleanSupplier running;

  QueuePoller(
      QueueTrigger trigger,
      String region,
      SqsClient sqs,
      Invoker invoker,
      BatchRecord.Listener listener,
      BooleanSupplier running) {
    this.trigger = trigger;
    this.region = region;
    this.sqs = sqs;
    this.invoker = invoker;
    this.listener = listener;
    this.running = running;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      try {
        List<Message> batch = new ArrayList<>();
        long received = gather(batch);
        if (!batch.isEmpty()) {
          handle(batch, received);
        }
      } catch (RuntimeException e) {
        if (!running.getAsBoolean()) {
          return; // the client was closed under a long poll: the mapping is stopping
        }
        LOG.log(Level.WARNING, "event source mapping " + name() + ": " + e.getMessage(), e);
        sleep(MAX_BACKOFF);
      }
    }
  }

  /**
   * Receives into {@code batch} until it holds BatchSize messages, or holds some and the batching
   * window (from its first message) has closed. Returns when the first message came, in epoch ms.
   */
  private long gather(List<Message> batch) {
    long firstNanos = 0;
    long firstEpochMillis = 0;
    long windowNanos = trigger.batchingWindow().toNanos();
    while (running.getAsBoolean() && batch.size() < trigger.batchSize()) {
      int wait = LONG_POLL_SECONDS;
      if (!batch.isEmpty()) {
        long left = windowNanos - (System.nanoTime() - firstNanos);
        if (left <= 0) {
          break;
        }
        // Long polls wait whole seconds: the window's last fraction is polled without waiting.
        wait = (int) Math.min(LONG_POLL_SECONDS, left / 1_000_000_000L);
      }
      List<Message> got = receive(wait, trigger.batchSize() - batch.size());
      if (!got.isEmpty() && batch.isEmpty()) {
        firstNanos = System.nanoTime();
        firstEpochMillis = System.currentTimeMillis();
      }
      batch.addAll(got);
      if (!batch.isEmpty() && windowNanos == 0) {
        break;
      }
      if (got.isEmpty() && wait == 0) {
        sleep(SHORT_POLL_PAUSE);
      }
    }
    return firstEpochMillis;
  }

  private List<Message> receive(int waitSeconds, int wanted) {
    int most = Math.min(QueueTrigger.MAX_MESSAGES_PER_RECEIVE, wanted);
    return sqs.receiveMessage(
            b ->
                b.queueUrl(trigger.queueUrl())
                    .maxNumberOfMessages(most)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All"))
        .messages();
  }

  private void handle(List<Message> batch, long receivedEpochMillis) {
    List<String> ids = batch.stream().map(Message::messageId).toList();
    long invoked = System.currentTimeMillis();
    // Visible again one visibility timeout after the receive: past that, retrying is pointless.
    long visibleAgain =
        System.nanoTime()
            + trigger.visibilityTimeout().toNanos()
            - (invoked - receivedEpochMillis) * 1_000_000L;
    Invoker.Result result = invokeUnlessThrottledTooLong(batch, visibleAgain);
    Settlement settlement =
        result.throttled()
            ? Settlement.allReturned(ids, "throttled until the visibility timeout ran out")
            : Settlement.of(
                ids, result.functionError(), result.payload(), trigger.reportBatchItemFailures());
    delete(batch, settlement.deleted());
    listener.settled(
        new BatchRecord(
            trigger.function(),
            trigger.queueArn(),
            result.requestId(),
            batch.stream().map(QueuePoller::received).toList(),
            receivedEpochMillis,
            invoked,
            System.currentTimeMillis(),
            settlement));
  }

  private Invoker.Result invokeUnlessThrottledTooLong(List<Message> batch, long visibleAgainNanos) {
    byte[] payload = SqsEvent.of(batch, trigger.queueArn(), region);
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      Invoker.Result result;
      try {
        result = invoker.invoke(trigger.function(), payload).join();
      } catch (CompletionException e) {
        result = Invoker.Result.throttled(String.valueOf(e.getCause()));
      }
      if (!result.throttled()
          || !running.getAsBoolean()
          || System.nanoTime() + backoff.toNanos() >= visibleAgainNanos) {
        return result;
      }
      sleep(backoff);
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }
  }

  private void delete(List<Message> batch, List<String> done) {
    if (done.isEmpty()) {
      return;
    }
    Map<String, String> receipts = new HashMap<>();
    batch.forEach(message -> receipts.put(message.messageId(), message.receiptHandle()));
    for (int from = 0; from < done.size(); from += QueueTrigger.MAX_MESSAGES_PER_RECEIVE) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      int to = Math.min(done.size(), from + QueueTrigger.MAX_MESSAGES_PER_RECEIVE);
      for (String id : done.subList(from, to)) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(id.replaceAll("[^A-Za-z0-9_-]", "_"))
                .receiptHandle(receipts.get(id))
                .build());
      }
      var response = sqs.deleteMessageBatch(b -> b.queueUrl(trigger.queueUrl()).entries(entries));
      // A receipt handle goes stale when the message's visibility timeout passed before its batch
      // settled: SQS delivers it again, as at least once allows. Anything else is worth a warning.
      long stale =
          response.failed().stream()
              .filter(failure -> STALE_RECEIPT.equals(failure.code()))
              .count();
      if (stale > 0) {
        LOG.log(
            Level.DEBUG,
            "event source mapping "
                + name()
                + ": "
                + stale
                + " message(s) outlived their visibility timeout before their batch settled;"
                + " SQS delivers them again");
      }
      List<String> others =
          response.failed().stream()
              .filter(failure -> !STALE_RECEIPT.equals(failure.code()))
              .map(failure -> failure.id() + " " + failure.code())
              .toList();
      if (!others.isEmpty()) {
        LOG.log(
            Level.WARNING,
            "event source mapping " + name() + ": SQS did not delete " + String.join(", ", others));
      }
    }
  }

  private static BatchRecord.Received received(Message message) {
    Map<MessageSystemAttributeName, String> attributes = message.attributes();
    return new BatchRecord.Received(
        message.messageId(),
        Integer.parseInt(
            attributes.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")),
        Long.parseLong(attributes.getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0")),
        message.body());
  }

  private String name() {
    return trigger.function() + "." + trigger.event();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

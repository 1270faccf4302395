package dev.fanout.localcloud.lambda.esm;

import java.util.List;

/**
 * One batch an event source mapping handled, for whoever measures: which messages, when they were
 * received and handed over, and what became of them.
 *
 * @param function the function invoked
 * @param queueArn the queue polled
 * @param requestId the invocation's id, empty when it was never taken
 * @param messages the batch's messages, in the order the function got them
 * @param receivedEpochMillis when the batch's first message was received
 * @param invokedEpochMillis when the batch was handed to the function (after any batching window)
 * @param endedEpochMillis when its invocation ended
 * @param settlement what became of the messages
 */
public record BatchRecord(
    String function,
    String queueArn,
    String requestId,
    List<Received> messages,
    long receivedEpochMillis,
    long invokedEpochMillis,
    long endedEpochMillis,
    Settlement settlement) {

  public BatchRecord {
    messages = List.copyOf(messages);
  }

  /**
   * One message as received.
   *
   * @param messageId its id
   * @param receiveCount SQS's ApproximateReceiveCount: 1 on its first delivery
   * @param sentEpochMillis SQS's SentTimestamp
   * @param body its body, as the function got it
   */
  public record Received(String messageId, int receiveCount, long sentEpochMillis, String body) {}

  /** Whoever hears of each batch once it is settled; called on the mapping's threads. */
  public interface Listener {
    Listener NONE = batch -> {};

    void settled(BatchRecord batch);
  }
}

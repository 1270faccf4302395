package dev.fanout.pipeline;

/**
 * One message handed to a stage's function by its queue's event source mapping: on Lambda an order
 * may be delivered to a stage more than once.
 *
 * @param stage the stage, e.g. {@code take order}
 * @param order the order the message was about
 * @param receiveCount SQS's count of this message's receives, 1 on its first delivery
 * @param sentNanos when the message was sent to the stage's queue
 * @param invokedNanos when its batch was handed to the function
 * @param endedNanos when that invocation ended
 * @param requestId the invocation's id: the messages of one batch share it
 * @param returned true when it came back to its queue (deleted otherwise)
 */
public record Delivery(
    String stage,
    int order,
    int receiveCount,
    long sentNanos,
    long invokedNanos,
    long endedNanos,
    String requestId,
    boolean returned) {}

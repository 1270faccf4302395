package dev.fanout.pipeline;

/**
 * What became of one order: served at {@code doneNanos}, or failed there with {@code error}.
 *
 * @param arrivalNanos when the customer arrived (joined the queue)
 */
public record OrderOutcome(int order, long arrivalNanos, long doneNanos, String error) {
  public boolean served() {
    return error == null;
  }
}

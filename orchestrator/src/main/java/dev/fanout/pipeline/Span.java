package dev.fanout.pipeline;

/**
 * One piece of work one lane did for one order: a stage's unit call, or the grill cooking a patty.
 *
 * @param stage e.g. {@code take order}, {@code cook}, {@code make salad}
 * @param lane who did it: a thread, the event loop, a worker JVM, a grill position
 * @param order the order (or patty, or bowl) it was for
 * @param error why it failed, or null
 */
public record Span(
    String stage, String lane, int order, long startNanos, long endNanos, String error) {
  public boolean ok() {
    return error == null;
  }

  public long nanos() {
    return endNanos - startNanos;
  }
}

package dev.fanout.pipeline;

/**
 * One piece of work one lane did for one order: a stage's unit call, or the grill cooking a patty.
 *
 * @param stage e.g. {@code take order}, {@code cook}, {@code make salad}
 * @param lane who did it: a thread, the event loop, a worker JVM, a grill position
 * @param subject what {@code number} counts: an order, a patty, a bowl
 * @param number the order (or patty, or bowl) it was for
 * @param cpuNanos the CPU time the work took, where it could be measured (a platform thread, a
 *     worker JVM); -1 where not (a virtual thread, work interleaved on an event loop, a device)
 * @param error why it failed, or null
 */
public record Span(
    String stage,
    String lane,
    Subject subject,
    int number,
    long startNanos,
    long endNanos,
    long cpuNanos,
    String error) {
  /** What a piece of work was for. */
  public enum Subject {
    ORDER,
    PATTY,
    BOWL
  }

  /** True when the work was for an order (not a patty on the grill or a bowl at the sink). */
  public boolean forOrder() {
    return subject == Subject.ORDER;
  }

  public boolean ok() {
    return error == null;
  }

  public long nanos() {
    return endNanos - startNanos;
  }
}

package dev.fanout.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * How deep one queue was over a run: its depth after every change, with the nanoTime of the change.
 * Written only by its queue, under the queue's lock; read as a copy.
 */
public final class QueueTrace {
  /** One depth, from {@code nanos} until the next sample. */
  public record Sample(long nanos, int depth) {}

  private final String queue;
  private final int capacity;
  private final List<Sample> samples;
  private int maxDepth;

  QueueTrace(String queue, int capacity) {
    this(queue, capacity, new ArrayList<>(), 0);
  }

  private QueueTrace(String queue, int capacity, List<Sample> samples, int maxDepth) {
    this.queue = queue;
    this.capacity = capacity;
    this.samples = samples;
    this.maxDepth = maxDepth;
  }

  /** A trace of depths recorded elsewhere (a count sampled over time, e.g. instances alive). */
  public static QueueTrace of(String queue, int capacity, List<Sample> samples) {
    QueueTrace trace = new QueueTrace(queue, capacity);
    samples.forEach(sample -> trace.record(sample.nanos(), sample.depth()));
    return trace.copy();
  }

  void record(long nanos, int depth) {
    samples.add(new Sample(nanos, depth));
    maxDepth = Math.max(maxDepth, depth);
  }

  QueueTrace copy() {
    return new QueueTrace(queue, capacity, List.copyOf(samples), maxDepth);
  }

  public String queue() {
    return queue;
  }

  /** Its bound, 0 for none. */
  public int capacity() {
    return capacity;
  }

  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  public int maxDepth() {
    return maxDepth;
  }

  /**
   * The lowest depth once the queue was first filled: for a shelf stocked at the start (the clean
   * bowls), how far it ran down.
   */
  public int minDepthAfterStart() {
    int min = Integer.MAX_VALUE;
    boolean stocked = false;
    for (Sample sample : samples) {
      stocked |= sample.depth() == maxDepth;
      if (stocked) {
        min = Math.min(min, sample.depth());
      }
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }
}

package dev.fanout.pipeline;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Reads a function's live instances every few milliseconds into a trace of its own, keeping only
 * the changes. Its one thread alone writes the trace until {@link #stop}, which reads it.
 */
final class InstanceSampler implements AutoCloseable {
  /**
   * Fine enough to see each instance come and go: a cold start takes about a second, and an idle
   * instance lingers for the idle timeout (2 s in a lunch).
   */
  static final Duration EVERY = Duration.ofMillis(20);

  private final IntSupplier live;
  private final LongSupplier nanoTime;
  private final QueueTrace trace;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> sampling;
  private final int first;
  private int last = -1;

  /**
   * Samples now, then every {@link #EVERY}.
   *
   * @param capacity the most instances there may be (0 unknown), the trace's bound
   */
  InstanceSampler(IntSupplier live, int capacity, LongSupplier nanoTime) {
    this.live = live;
    this.nanoTime = nanoTime;
    this.trace = new QueueTrace(Coffees.INSTANCES, capacity);
    sample();
    this.first = last;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("instance-sampler").daemon(true).factory());
    this.sampling =
        timer.scheduleAtFixedRate(
            this::sample, EVERY.toNanos(), EVERY.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void sample() {
    int now = live.getAsInt();
    if (now != last) {
      trace.record(nanoTime.getAsLong(), now);
      last = now;
    }
  }

  /** The first count read: the instances there were before the doors opened. */
  int first() {
    return first;
  }

  /**
   * Stops sampling, takes a last reading and returns the trace; a reading that failed is thrown
   * here, not lost with the timer.
   */
  QueueTrace stop() {
    sampling.cancel(false);
    close();
    if (sampling.isDone() && !sampling.isCancelled()) {
      try {
        sampling.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot count the instances: " + e.getCause(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while counting the instances", e);
      }
    }
    sample();
    return trace.copy();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

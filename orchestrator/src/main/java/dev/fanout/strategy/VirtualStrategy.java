package dev.fanout.strategy;

import dev.fanout.api.Unit;
import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * A virtual thread per task: blocking code, but a blocked task parks its virtual thread instead of
 * holding a platform thread, so all tasks wait at once (or at most {@code maxInFlight}: a task
 * starts when a permit frees). CPU work still shares the carrier threads, one per core.
 *
 * <p>The threads are started from a virtual thread of their own that keeps at most {@link
 * #STARTS_AHEAD} of them started and not yet running: a task that has begun may wait as long as it
 * likes, every one of them at once, but 100,000 threads are not queued before the first runs (each
 * of them then parked with its stack, a gigabyte for tasks that wait for nothing).
 */
public record VirtualStrategy(UnitCatalog catalog, int maxInFlight, LongSupplier nanoTime)
    implements Strategy {

  /** Threads started and not yet running, at most: enough to keep every carrier busy. */
  static final int STARTS_AHEAD = 256;

  public VirtualStrategy {
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must not be negative, got " + maxInFlight);
    }
  }

  /** A thread per task, every one of them started at once. */
  public VirtualStrategy(UnitCatalog catalog, LongSupplier nanoTime) {
    this(catalog, 0, nanoTime);
  }

  @Override
  public StrategyKind kind() {
    return StrategyKind.VIRTUAL;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    var unit = catalog.unit(workload.unit());
    RunClock clock = new RunClock(nanoTime);
    int size = workload.size();
    int window = maxInFlight == 0 ? size : Math.min(maxInFlight, size);
    List<CompletableFuture<TaskRecord>> futures;
    try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
      // Every thread is started before the executor closes, and closing it waits for them to end.
      futures =
          Futures.get(
              perTask.submit(() -> startAll(unit, workload, window, clock, listener, perTask)));
    }
    return new RunResult(
        workload.name(), kind(), window, window, clock.millis(), List.of(), Futures.all(futures));
  }

  /**
   * Starts a thread per task, in order, each once a permit for its window frees and fewer than
   * {@link #STARTS_AHEAD} started threads wait for a carrier. A future that is no thread's keeps
   * only its record once its thread ends.
   */
  private static List<CompletableFuture<TaskRecord>> startAll(
      Unit<?, ?> unit,
      Workload workload,
      int window,
      RunClock clock,
      TaskListener listener,
      ExecutorService perTask) {
    Semaphore inFlight = new Semaphore(Math.max(1, window));
    Semaphore ahead = new Semaphore(STARTS_AHEAD);
    List<CompletableFuture<TaskRecord>> futures = new ArrayList<>(workload.size());
    for (int i = 0; i < workload.size(); i++) {
      int index = i;
      // Taken before the thread starts, so that a task's start time is its real start.
      inFlight.acquireUninterruptibly();
      ahead.acquireUninterruptibly();
      futures.add(
          CompletableFuture.supplyAsync(
              () -> {
                ahead.release();
                try {
                  TaskRecord record =
                      Tasks.runHere(unit, index, workload.inputs().get(index), clock);
                  listener.finished(record);
                  return record;
                } finally {
                  inFlight.release();
                }
              },
              perTask));
    }
    return futures;
  }
}

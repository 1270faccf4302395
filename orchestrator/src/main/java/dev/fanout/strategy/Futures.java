package dev.fanout.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Submitting indexed tasks and collecting their results in order, from futures. */
final class Futures {
  private Futures() {}

  static <T> List<Future<T>> submitAll(ExecutorService executor, int count, IntFunction<T> task) {
    List<Future<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      Callable<T> call = () -> task.apply(index);
      futures.add(executor.submit(call));
    }
    return futures;
  }

  /** The results in submission order; the executor must already be shut down and drained. */
  static <T> List<T> all(List<? extends Future<T>> futures) {
    List<T> results = new ArrayList<>(futures.size());
    for (Future<T> future : futures) {
      results.add(get(future));
    }
    return results;
  }

  /** The result, once there is one. */
  static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while collecting task results", e);
    } catch (ExecutionException e) {
      // Tasks record their own failures; reaching here is a bug in the strategy itself.
      throw new IllegalStateException("a task escaped its record: " + e.getCause(), e.getCause());
    }
  }
}

package dev.fanout.units.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A one-thread event loop with a known thread, for asserting where asynchronous stages run. {@link
 * #hold()} keeps the loop busy while a test attaches its observers, so no stage can complete (and
 * run an observer on the test thread) before they are in place; {@link #observe} does both.
 */
public final class TestLoop implements Executor, AutoCloseable {
  private final ExecutorService executor;
  private final Thread thread;

  private TestLoop(ExecutorService executor, Thread thread) {
    this.executor = executor;
    this.thread = thread;
  }

  public static TestLoop named(String name) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, name);
              t.setDaemon(true);
              return t;
            });
    try {
      Thread thread = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
      return new TestLoop(executor, thread);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting loop " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot start loop " + name, e);
    }
  }

  public Thread thread() {
    return thread;
  }

  @Override
  public void execute(Runnable command) {
    executor.execute(command);
  }

  /** Blocks the loop until the returned gate is opened; opening it twice is harmless. */
  public Runnable hold() {
    CountDownLatch gate = new CountDownLatch(1);
    executor.execute(
        () -> {
          try {
            gate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return gate::countDown;
  }

  /**
   * Starts an asynchronous call while the loop is held and notes the thread its future completes
   * on. The note is read from its own future: a thread waiting in {@code get()} on the call's
   * future may itself run that future's dependents, so waiting on it first would blur the answer.
   */
  public <T> Observed<T> observe(Supplier<CompletableFuture<T>> call) {
    Runnable release = hold();
    try {
      CompletableFuture<T> result = call.get();
      return new Observed<>(result, result.handle((value, error) -> Thread.currentThread()));
    } finally {
      release.run();
    }
  }

  /** A call's future and the thread on which it completed. */
  public record Observed<T>(CompletableFuture<T> result, CompletableFuture<Thread> completedOn) {
    public Thread completionThread() throws Exception {
      return completedOn.get(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

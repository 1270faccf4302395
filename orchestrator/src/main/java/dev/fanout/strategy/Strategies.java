package dev.fanout.strategy;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Builds the strategy of each kind. */
public final class Strategies {
  /** How long a throttled invocation is retried before its task fails. */
  public static final Duration THROTTLE_DEADLINE = Duration.ofMinutes(5);

  private Strategies() {}

  /**
   * What a strategy needs from its surroundings.
   *
   * @param workers the pool size for threads and processes, the invocations in flight for lambda; 0
   *     for each workload's default (the articles' thread count, one worker JVM per core, as many
   *     invocations as the function's concurrency limit)
   * @param lambda where the lambda strategy invokes; null when it is not to run
   * @param lambdaConcurrency the functions' concurrency limit, the default for lambda's workers
   * @param maxInFlight the most tasks async and virtual keep in flight at once; 0 for all of them
   *     (their nature: one loop or one thread per task, with no pool to size)
   * @param taskTimeout how long a task may take in a worker JVM before the worker counts as hung
   */
  public record Context(
      UnitCatalog catalog,
      UnitSettings settings,
      int workers,
      LongSupplier nanoTime,
      LambdaTarget lambda,
      int lambdaConcurrency,
      int maxInFlight,
      TaskTimeout taskTimeout) {

    public Context {
      if (maxInFlight < 0) {
        throw new IllegalArgumentException("maxInFlight must not be negative, got " + maxInFlight);
      }
      if (taskTimeout == null) {
        throw new IllegalArgumentException("a context needs a task timeout");
      }
    }

    public Context(
        UnitCatalog catalog,
        UnitSettings settings,
        int workers,
        LongSupplier nanoTime,
        LambdaTarget lambda,
        int lambdaConcurrency) {
      this(
          catalog, settings, workers, nanoTime, lambda, lambdaConcurrency, 0, TaskTimeout.of(null));
    }

    /** A context for the strategies that run in the lab's own JVMs. */
    public Context(UnitCatalog catalog, UnitSettings settings, int workers, LongSupplier nanoTime) {
      this(catalog, settings, workers, nanoTime, null, 0, 0, TaskTimeout.of(null));
    }

    /** The same context with every strategy held to {@code concurrency} tasks at once. */
    public Context atConcurrency(int concurrency) {
      return new Context(
          catalog,
          settings,
          concurrency,
          nanoTime,
          lambda,
          lambdaConcurrency,
          concurrency,
          taskTimeout);
    }

    /** The same context with another deadline for a task in a worker JVM. */
    public Context withTaskTimeout(TaskTimeout other) {
      return new Context(
          catalog, settings, workers, nanoTime, lambda, lambdaConcurrency, maxInFlight, other);
    }
  }

  public static Strategy create(StrategyKind kind, Workload workload, Context context) {
    int cores = Runtime.getRuntime().availableProcessors();
    return switch (kind) {
      case SEQUENTIAL -> new SequentialStrategy(context.catalog(), context.nanoTime());
      case THREADS ->
          new ThreadsStrategy(
              context.catalog(),
              orDefault(context.workers(), workload.threads()),
              context.nanoTime());
      case ASYNC -> new AsyncStrategy(context.catalog(), context.maxInFlight(), context.nanoTime());
      case VIRTUAL ->
          new VirtualStrategy(context.catalog(), context.maxInFlight(), context.nanoTime());
      case PROCESSES ->
          new ProcessesStrategy(
              context.settings(),
              orDefault(context.workers(), cores),
              context.taskTimeout(),
              context.nanoTime());
      case LAMBDA -> {
        if (context.lambda() == null) {
          throw new IllegalStateException("the lambda strategy needs a Lambda endpoint to invoke");
        }
        int fanOut = Math.min(workload.size(), Math.max(1, context.lambdaConcurrency()));
        yield new LambdaStrategy(
            context.lambda(),
            orDefault(context.workers(), fanOut),
            THROTTLE_DEADLINE,
            context.nanoTime());
      }
    };
  }

  private static int orDefault(int workers, int fallback) {
    return workers > 0 ? workers : fallback;
  }
}

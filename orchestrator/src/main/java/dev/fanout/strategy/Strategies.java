package dev.fanout.strategy;

import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.units.UnitCatalog;
import java.util.List;
import java.util.function.LongSupplier;

/** Builds strategies by name. */
public final class Strategies {
  public static final List<String> NAMES =
      List.of("sequential", "threads", "async", "virtual", "processes");

  private Strategies() {}

  /**
   * What a strategy needs from its surroundings.
   *
   * @param workers the pool size for threads and processes; 0 for each workload's default (the
   *     seeds' thread count, one worker JVM per core)
   */
  public record Context(
      UnitCatalog catalog, UnitSettings settings, int workers, LongSupplier nanoTime) {}

  public static Strategy create(String name, Workload workload, Context context) {
    int cores = Runtime.getRuntime().availableProcessors();
    return switch (name) {
      case "sequential" -> new SequentialStrategy(context.catalog(), context.nanoTime());
      case "threads" ->
          new ThreadsStrategy(
              context.catalog(),
              orDefault(context.workers(), workload.threads()),
              context.nanoTime());
      case "async" -> new AsyncStrategy(context.catalog(), context.nanoTime());
      case "virtual" -> new VirtualStrategy(context.catalog(), context.nanoTime());
      case "processes" ->
          new ProcessesStrategy(
              context.settings(), orDefault(context.workers(), cores), context.nanoTime());
      default ->
          throw new IllegalArgumentException(
              "no strategy called '" + name + "'; the strategies are " + String.join(", ", NAMES));
    };
  }

  private static int orDefault(int workers, int fallback) {
    return workers > 0 ? workers : fallback;
  }
}

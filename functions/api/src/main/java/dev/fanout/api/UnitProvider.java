package dev.fanout.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/**
 * Registers a unit of your own with fanout. Implement it, and name the class in your jar's {@code
 * META-INF/services/dev.fanout.api.UnitProvider}: fanout finds it with {@link
 * java.util.ServiceLoader} in every place a unit runs (the orchestrator, its worker JVMs and the
 * Lambda functions built from function.zip), so {@code --workload} takes your unit's name like a
 * built-in one.
 *
 * <p>An implementation needs a public constructor without parameters. fanout calls {@link #create}
 * once per JVM (or Lambda instance) and shares the unit between every task there, from many threads
 * at once: keep the unit free of mutable state.
 */
public interface UnitProvider {

  /** Builds the unit, wired to what fanout gives every unit. */
  Unit<?, ?> create(UnitContext context);

  /**
   * The task list {@code compare}, {@code run} and {@code advise} use when no {@code --tasks-file}
   * is given: one input per task, each valid for the unit. {@code --tasks N} goes through it again
   * from the first when N is larger.
   *
   * @param origin the base URL of fanout's local origin (its pages, images and Pokedex), where a
   *     unit that fetches finds something to fetch without the network
   */
  List<JsonNode> tasks(URI origin);

  /** What the task list stands for, in a few words, for the report. */
  String describeTasks();

  /** The size of the thread pool the {@code threads} strategy uses by default. */
  default int threads() {
    // Python's ThreadPoolExecutor default, as for the articles' workloads without a size of their
    // own.
    return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
  }
}

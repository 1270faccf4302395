package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** One menu's pipeline, in the three forms its runs take. */
public interface Restaurant {
  /**
   * The lanes {@link #runOnLanes} asks for, by name, with how many calls each runs at once: what
   * worker JVMs to start before the doors open.
   */
  Map<String, Integer> laneWidths();

  /**
   * Calls of the menu's CPU units, by unit, to run untimed before the runs, so that no strategy is
   * charged for the JIT compiling what the others reuse. Waits (the grill) need none.
   */
  List<Map.Entry<String, JsonNode>> warmUpCalls();

  /**
   * The same units at their smallest, for a worker JVM to answer many times before the run: the
   * hand-off (the protocol both ends speak, the units' parsing) then runs compiled, as it does in
   * this JVM, instead of in the interpreter for the run's first few hundred calls. None where the
   * warm-up calls are small already.
   */
  default List<Map.Entry<String, JsonNode>> handOffCalls() {
    return List.of();
  }

  /** Every stage (or member of staff) on a blocking lane of its own. */
  MenuRun runOnLanes(StrategyKind strategy, Lanes lanes);

  /** One worker doing one thing at a time, on the calling thread. */
  MenuRun runInSequence(Kitchen kitchen);

  /** Every stage as a loop of futures on the one thread of {@code loop}. */
  MenuRun runOnLoop(Kitchen kitchen, Executor loop);
}

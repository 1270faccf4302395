package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.util.Set;

/**
 * Naive recursive Fibonacci with fib(1) = 0 and fib(2) = 1, as in the articles: slow on purpose.
 */
public final class FibUnit implements Unit<FibUnit.Input, FibUnit.Output> {
  /** fib(42) takes a few seconds on one core; beyond it the work doubles every two steps. */
  public static final int MAX_N = 42;

  /** Below this n a subtree is small enough (well under a millisecond) not to poll the deadline. */
  private static final int CHECK_ABOVE = 24;

  public record Input(int n) {}

  public record Output(int n, long value) {}

  @Override
  public String name() {
    return "fib";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"n\": 30}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("n"), exampleInput());
    return new Input(UnitJson.requireInt(name(), input, "n", 1, MAX_N));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    return new Output(input.n(), fib(input.n(), deadline));
  }

  private static long fib(int n, Deadline deadline) {
    if (n <= CHECK_ABOVE) {
      return fib(n);
    }
    deadline.require(1, "fib(" + n + ")");
    return fib(n - 1, deadline) + fib(n - 2, deadline);
  }

  private static long fib(int n) {
    if (n == 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    return fib(n - 1) + fib(n - 2);
  }
}

package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.util.Set;

/**
 * The articles' math loop: x = x^4, x^0.25, x^2, x^0.5, then x + 1, two million times. Each pass
 * leaves x about one larger, so the result is close to start + iterations.
 */
public final class PowerloopUnit implements Unit<PowerloopUnit.Input, PowerloopUnit.Output> {
  public static final int DEFAULT_ITERATIONS = 2_000_000;
  public static final int MAX_ITERATIONS = 20_000_000;
  public static final double MAX_START = 1_000_000;
  private static final int DEADLINE_CHECK_EVERY = 1 << 16;

  public record Input(double start, int iterations) {}

  public record Output(double start, int iterations, double result) {}

  @Override
  public String name() {
    return "powerloop";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"start\": 1}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("start", "iterations"), exampleInput());
    return new Input(
        UnitJson.requireDouble(name(), input, "start", 0, MAX_START),
        UnitJson.optionalInt(name(), input, "iterations", 1, MAX_ITERATIONS, DEFAULT_ITERATIONS));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    double x = input.start();
    for (int i = 0; i < input.iterations(); i++) {
      x = Math.pow(x, 4);
      x = Math.pow(x, 0.25);
      x = Math.pow(x, 2);
      x = Math.pow(x, 0.5);
      x = x + 1;
      if ((i & (DEADLINE_CHECK_EVERY - 1)) == DEADLINE_CHECK_EVERY - 1) {
        deadline.require(1, "powerloop(" + input.start() + ")");
      }
    }
    return new Output(input.start(), input.iterations(), x);
  }
}

package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parallel Salads' maker: one salad in one clean bowl. Chopping, dressing and tossing are passes of
 * arithmetic over the bowl's items, CPU from start to end; the checksum of the bowl is in the
 * output, the same for the same order, bowl and passes on every run. On an event loop it computes
 * on the loop and holds it, as CPU work does under asyncio.
 */
public final class SaladUnit implements Unit<SaladUnit.Input, SaladUnit.Output> {
  /** About 30 ms on one core of a 2-core machine, measured (see the README). */
  public static final int DEFAULT_PASSES = 8_000;

  /** About 100 times the default: a few seconds, well inside a Lambda timeout. */
  public static final int MAX_PASSES = 800_000;

  private static final Set<String> FIELDS =
      Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of("order", "bowl", "passes")));

  public record Input(int order, int bowl, int passes) {}

  public record Output(int order, int bowl, int passes, String checksum) {}

  @Override
  public String name() {
    return "salad";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"order\": 1, \"bowl\": 0}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, FIELDS, exampleInput());
    return new Input(
        UnitJson.requireInt(name(), input, "order", 0, OrderUnit.MAX_NUMBER),
        UnitJson.requireInt(name(), input, "bowl", 0, OrderUnit.MAX_NUMBER),
        UnitJson.optionalInt(name(), input, "passes", 1, MAX_PASSES, DEFAULT_PASSES));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    long tossed =
        HandWork.passes(
            HandWork.seed("salad", input.order(), input.bowl()),
            input.passes(),
            deadline,
            "salad(order " + input.order() + ", bowl " + input.bowl() + ")");
    return new Output(input.order(), input.bowl(), input.passes(), HandWork.hex(tossed));
  }
}

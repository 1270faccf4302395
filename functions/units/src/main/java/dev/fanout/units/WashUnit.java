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
 * Parallel Salads' washer: wash one dirty bowl so that a maker can use it again. Scrubbing is
 * passes of arithmetic over the bowl, CPU from start to end, with the bowl's checksum in the
 * output. By default it takes about a third of a salad's time, so one washer keeps up with up to
 * three makers and the makers, not the washer, set the pace.
 */
public final class WashUnit implements Unit<WashUnit.Input, WashUnit.Output> {
  /** About 10 ms on one core of a 2-core machine, measured (see the README). */
  public static final int DEFAULT_PASSES = 2_700;

  /** As many as a salad may take. */
  public static final int MAX_PASSES = SaladUnit.MAX_PASSES;

  private static final Set<String> FIELDS =
      Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of("bowl", "passes")));

  public record Input(int bowl, int passes) {}

  public record Output(int bowl, int passes, String checksum) {}

  @Override
  public String name() {
    return "wash";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"bowl\": 0}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, FIELDS, exampleInput());
    return new Input(
        UnitJson.requireInt(name(), input, "bowl", 0, OrderUnit.MAX_NUMBER),
        UnitJson.optionalInt(name(), input, "passes", 1, MAX_PASSES, DEFAULT_PASSES));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    long scrubbed =
        HandWork.passes(
            HandWork.seed("wash", input.bowl()),
            input.passes(),
            deadline,
            "wash(bowl " + input.bowl() + ")");
    return new Output(input.bowl(), input.passes(), HandWork.hex(scrubbed));
  }
}

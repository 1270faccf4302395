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
 * Concurrent Burgers' last task: fill a bap with salad, a cooked patty and condiments, for an
 * order. Its input is an order's output and the grill's output, as they come; assembling is a
 * little CPU work (about a tenth of a millisecond) whose outcome is the code printed on its
 * wrapper.
 */
public final class BurgerUnit implements Unit<BurgerUnit.Input, BurgerUnit.Output> {
  /** Mixes of the assembly: about 0.1 ms on one core once compiled. */
  static final int ASSEMBLY_ROUNDS = 25_000;

  private static final Set<String> FIELDS = fields("order", "patty");
  private static final Set<String> ORDER_FIELDS = fields("order", "customer", "burger");
  private static final Set<String> PATTY_FIELDS = fields("patty", "cookedMillis");
  private static final String ORDER_EXAMPLE =
      "{\"order\": 1, \"customer\": 1, \"burger\": \"cheeseburger\"}";
  private static final String PATTY_EXAMPLE = "{\"patty\": 1, \"cookedMillis\": 400}";

  public record Input(OrderUnit.Output order, GrillUnit.Output patty) {}

  /**
   * @param wrapper the code printed on the wrapper: sixteen hex digits from the assembly
   */
  public record Output(int order, int customer, int patty, String burger, String wrapper) {}

  @Override
  public String name() {
    return "burger";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"order\": " + ORDER_EXAMPLE + ", \"patty\": " + PATTY_EXAMPLE + "}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, FIELDS, exampleInput());
    UnitJson.requireObjectField(name(), input, "order", ORDER_FIELDS, ORDER_EXAMPLE);
    UnitJson.requireObjectField(name(), input, "patty", PATTY_FIELDS, PATTY_EXAMPLE);
    OrderUnit.Output order =
        new OrderUnit.Output(
            UnitJson.requireInt(name(), input, "order.order", 0, OrderUnit.MAX_NUMBER),
            UnitJson.requireInt(name(), input, "order.customer", 0, OrderUnit.MAX_NUMBER),
            UnitJson.requireChoice(name(), input, "order.burger", OrderUnit.MENU));
    GrillUnit.Output patty =
        new GrillUnit.Output(
            UnitJson.requireInt(name(), input, "patty.patty", 0, OrderUnit.MAX_NUMBER),
            UnitJson.requireLong(
                name(), input, "patty.cookedMillis", 0, GrillUnit.MAX_COOK_MILLIS));
    return new Input(order, patty);
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    OrderUnit.Output order = input.order();
    long seed =
        HandWork.seed(
            "burger " + order.burger(), order.order(), order.customer(), input.patty().patty());
    long assembly = HandWork.rounds(seed, ASSEMBLY_ROUNDS);
    return new Output(
        order.order(),
        order.customer(),
        input.patty().patty(),
        order.burger(),
        HandWork.hex(assembly));
  }

  private static Set<String> fields(String... names) {
    return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(names)));
  }
}

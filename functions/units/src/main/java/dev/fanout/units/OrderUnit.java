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
 * Concurrent Burgers' first task: take a customer's order. Talking to the customer is a little CPU
 * work (about a tenth of a millisecond) whose outcome is what they order from the menu, the same
 * for the same customer on every run.
 */
public final class OrderUnit implements Unit<OrderUnit.Input, OrderUnit.Output> {
  /** The largest customer, order, patty or bowl number the lunch's units take. */
  public static final int MAX_NUMBER = 1_000_000_000;

  /** The burger bar's menu; a burger's name is one of these. */
  public static final List<String> MENU =
      List.of("hamburger", "cheeseburger", "bacon burger", "veggie burger");

  /** Mixes of the conversation: about 0.1 ms on one core once compiled. */
  static final int TALK_ROUNDS = 25_000;

  private static final Set<String> FIELDS =
      Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of("customer", "order")));

  /**
   * @param order the order's number; the customer's own number unless the caller numbers orders
   */
  public record Input(int customer, int order) {}

  public record Output(int order, int customer, String burger) {}

  @Override
  public String name() {
    return "order";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"customer\": 1}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, FIELDS, exampleInput());
    int customer = UnitJson.requireInt(name(), input, "customer", 0, MAX_NUMBER);
    return new Input(
        customer, UnitJson.optionalInt(name(), input, "order", 0, MAX_NUMBER, customer));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    long talk = HandWork.rounds(HandWork.seed("order", input.customer()), TALK_ROUNDS);
    return new Output(input.order(), input.customer(), MENU.get(menuIndex(talk)));
  }

  /** The menu item a conversation ends on: its top bits, so every item is as likely. */
  private static int menuIndex(long talk) {
    return (int) ((talk >>> 32) * MENU.size() >>> 32);
  }
}

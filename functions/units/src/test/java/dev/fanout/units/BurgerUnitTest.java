package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import dev.fanout.units.testing.TestLoop;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BurgerUnitTest {
  private final BurgerUnit unit = new BurgerUnit();

  @Test
  void burger_takesAnOrdersAndAGrillsOutputsAsTheyCome() {
    OrderUnit.Output order = new OrderUnit().run(new OrderUnit.Input(5, 12), Deadline.none());
    GrillUnit.Output patty = new GrillUnit.Output(9, 400);
    ObjectNode input = UnitJson.mapper().createObjectNode();
    input.set("order", UnitJson.tree(order));
    input.set("patty", UnitJson.tree(patty));

    JsonNode out = unit.call(input, Deadline.none());

    assertThat(out.get("order").asInt()).isEqualTo(12);
    assertThat(out.get("customer").asInt()).isEqualTo(5);
    assertThat(out.get("patty").asInt()).isEqualTo(9);
    assertThat(out.get("burger").textValue()).isEqualTo(order.burger());
    assertThat(out.get("wrapper").textValue()).matches("[0-9a-f]{16}");
    assertThat(out.size()).isEqualTo(5);
  }

  @Test
  void wrapper_isTheSameForTheSameBurger_andDiffersWithThePatty() {
    OrderUnit.Output order = new OrderUnit.Output(1, 1, "cheeseburger");
    String wrapper = wrapper(order, 1);

    assertThat(wrapper(order, 1)).isEqualTo(wrapper);
    assertThat(wrapper(order, 2)).isNotEqualTo(wrapper);
    assertThat(wrapper(new OrderUnit.Output(1, 1, "hamburger"), 1)).isNotEqualTo(wrapper);
    assertThat(wrapper(new OrderUnit.Output(2, 1, "cheeseburger"), 1)).isNotEqualTo(wrapper);
  }

  @Test
  void burger_asyncGivesTheBlockingResult_onTheLoop() throws Exception {
    JsonNode input = UnitJson.parse("test", unit.exampleInput());
    try (TestLoop loop = TestLoop.named("burger-loop")) {
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThat(call.result().get(5, TimeUnit.SECONDS))
          .isEqualTo(unit.call(input, Deadline.none()));
    }
  }

  private String wrapper(OrderUnit.Output order, int patty) {
    return unit.run(new BurgerUnit.Input(order, new GrillUnit.Output(patty, 400)), Deadline.none())
        .wrapper();
  }
}

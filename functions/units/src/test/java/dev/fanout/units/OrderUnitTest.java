package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import dev.fanout.units.testing.TestLoop;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderUnitTest {
  private final OrderUnit unit = new OrderUnit();

  @Test
  void order_isNumberedAfterTheCustomer_withABurgerFromTheMenu() {
    JsonNode out = unit.call(UnitJson.parse("test", "{\"customer\": 7}"), Deadline.none());

    assertThat(out.get("order").asInt()).isEqualTo(7);
    assertThat(out.get("customer").asInt()).isEqualTo(7);
    assertThat(OrderUnit.MENU).contains(out.get("burger").textValue());
    assertThat(out.size()).isEqualTo(3);
  }

  @Test
  void order_takesTheOrderNumberItIsGiven() {
    OrderUnit.Output out = unit.run(new OrderUnit.Input(7, 1_000), Deadline.none());

    assertThat(out.order()).isEqualTo(1_000);
    assertThat(out.customer()).isEqualTo(7);
    // What a customer orders depends on the customer alone.
    assertThat(out.burger())
        .isEqualTo(unit.run(new OrderUnit.Input(7, 7), Deadline.none()).burger());
  }

  @Test
  void order_isTheSameForTheSameCustomer_andEveryItemIsOrdered() {
    Set<String> ordered = new HashSet<>();
    for (int customer = 0; customer < 200; customer++) {
      String burger = unit.run(new OrderUnit.Input(customer, customer), Deadline.none()).burger();
      assertThat(unit.run(new OrderUnit.Input(customer, customer), Deadline.none()).burger())
          .as("customer %d", customer)
          .isEqualTo(burger);
      ordered.add(burger);
    }

    assertThat(ordered).containsExactlyInAnyOrderElementsOf(OrderUnit.MENU);
  }

  @Test
  void order_isPinned_soEveryJvmAndStrategyTakesTheSameOrders() {
    // Fixed by the specified arithmetic of the conversation, not by this JVM.
    assertThat(unit.run(new OrderUnit.Input(7, 7), Deadline.none()).burger())
        .isEqualTo("veggie burger");
    assertThat(unit.run(new OrderUnit.Input(1, 1), Deadline.none()).burger())
        .isEqualTo(unit.run(new OrderUnit.Input(1, 2), Deadline.none()).burger());
  }

  @Test
  void order_asyncGivesTheBlockingResult_onTheLoop() throws Exception {
    JsonNode input = UnitJson.parse("test", "{\"customer\": 42, \"order\": 3}");
    try (TestLoop loop = TestLoop.named("order-loop")) {
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThat(call.result().get(5, TimeUnit.SECONDS))
          .isEqualTo(unit.call(input, Deadline.none()));
    }
  }
}

package dev.fanout.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The burger bar's door on Lambda: which orders are poison, what they say, whose message is whose.
 */
class BurgersOnLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BurgersOnLambda door(int orders, int poison) {
    return new BurgersOnLambda(
        new BurgerShop(orders, 4, Duration.ofMillis(200), 5, null),
        poison,
        Duration.ofSeconds(60),
        System::nanoTime);
  }

  @Test
  void poisonOrders_areAsManyAsAsked_spreadOverTheOrders() {
    BurgersOnLambda door = door(100, 3);
    List<Integer> poison = IntStream.rangeClosed(1, 100).filter(door::isPoison).boxed().toList();
    assertThat(poison).containsExactly(25, 50, 75);
    assertThat(IntStream.rangeClosed(1, 24).filter(door(24, 24)::isPoison).count()).isEqualTo(24);
    assertThat(IntStream.rangeClosed(1, 10).filter(door(10, 0)::isPoison).count()).isZero();
  }

  @Test
  void anOrdersBody_namesItsNumber_andAPoisonOneHasACustomerNoStageTakes() throws IOException {
    BurgersOnLambda door = door(100, 3);
    assertThat(JSON.readTree(door.body(7)))
        .isEqualTo(JSON.readTree("{\"order\": 7, \"customer\": 7}"));
    assertThat(JSON.readTree(door.body(25)).get("customer").asInt()).isNegative();
    assertThat(JSON.readTree(door.body(25)).get("order").asInt()).isEqualTo(25);
  }

  @Test
  void orderOf_readsTheOrderOfAnyStagesMessage() throws IOException {
    assertThat(BurgersOnLambda.orderOf(JSON.readTree("{\"order\": 3, \"customer\": 3}")))
        .isEqualTo(3);
    assertThat(
            BurgersOnLambda.orderOf(
                JSON.readTree(
                    "{\"order\": {\"order\": 4, \"customer\": 4, \"burger\": \"hamburger\"},"
                        + " \"patty\": {\"patty\": 4, \"cookedMillis\": 200}}")))
        .isEqualTo(4);
    assertThat(BurgersOnLambda.orderOf(JSON.readTree("{\"burger\": \"x\"}"))).isEqualTo(-1);
  }

  @Test
  void morePoisonThanOrders_isRefused() {
    assertThatThrownBy(() -> door(5, 6)).hasMessageContaining("0..5");
  }

  @Test
  void burgersRunOnLambdaWhenAsked_butNotByDefault() {
    assertThat(Menu.BURGERS.runsUnder(StrategyKind.LAMBDA)).isTrue();
    assertThat(Menu.BURGERS.runsByDefault(StrategyKind.LAMBDA)).isFalse();
    assertThat(Menu.BURGERS.runsByDefault(StrategyKind.THREADS)).isTrue();
    assertThat(Menu.COFFEES.runsByDefault(StrategyKind.LAMBDA)).isTrue();
    assertThat(Menu.SALADS.runsUnder(StrategyKind.LAMBDA)).isFalse();
  }
}

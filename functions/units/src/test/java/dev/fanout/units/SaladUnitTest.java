package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.UnitJson;
import dev.fanout.units.testing.TestLoop;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SaladUnitTest {
  private final SaladUnit unit = new SaladUnit();

  @Test
  void salad_returnsItsOrderBowlPassesAndChecksum_withTheDefaultPasses() {
    JsonNode out =
        unit.call(UnitJson.parse("test", "{\"order\": 3, \"bowl\": 1}"), Deadline.none());

    assertThat(out.get("order").asInt()).isEqualTo(3);
    assertThat(out.get("bowl").asInt()).isEqualTo(1);
    assertThat(out.get("passes").asInt()).isEqualTo(SaladUnit.DEFAULT_PASSES);
    assertThat(out.get("checksum").textValue()).matches("[0-9a-f]{16}");
    assertThat(out.size()).isEqualTo(4);
  }

  @Test
  void checksum_isTheSameForTheSameSalad_andPinnedAcrossJvms() {
    String checksum = checksum(1, 0, 100);

    assertThat(checksum(1, 0, 100)).isEqualTo(checksum);
    // Fixed by the specified arithmetic of the passes, not by this JVM or strategy.
    assertThat(checksum).isEqualTo("e900429c3a6d05fa");
  }

  @Test
  void checksum_dependsOnTheOrderTheBowlAndEveryPass() {
    String checksum = checksum(1, 0, 100);

    assertThat(checksum(2, 0, 100)).isNotEqualTo(checksum);
    assertThat(checksum(1, 1, 100)).isNotEqualTo(checksum);
    assertThat(checksum(1, 0, 99)).isNotEqualTo(checksum);
    assertThat(checksum(1, 0, 101)).isNotEqualTo(checksum);
  }

  @Test
  void salad_stopsWithDeadlineExceeded_whenItsTimeIsUp() {
    assertThatThrownBy(() -> unit.run(new SaladUnit.Input(1, 0, SaladUnit.MAX_PASSES), () -> 0))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("salad(order 1, bowl 0) stopped");
  }

  @Test
  void salad_asyncComputesOnTheLoop_andGivesTheBlockingResult() throws Exception {
    JsonNode input = UnitJson.parse("test", "{\"order\": 4, \"bowl\": 2, \"passes\": 300}");
    try (TestLoop loop = TestLoop.named("salad-loop")) {
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThat(call.result().get(5, TimeUnit.SECONDS))
          .isEqualTo(unit.call(input, Deadline.none()));
    }
  }

  private String checksum(int order, int bowl, int passes) {
    return unit.run(new SaladUnit.Input(order, bowl, passes), Deadline.none()).checksum();
  }
}

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

class WashUnitTest {
  private final WashUnit unit = new WashUnit();

  @Test
  void wash_returnsItsBowlPassesAndChecksum_withTheDefaultPasses() {
    JsonNode out = unit.call(UnitJson.parse("test", "{\"bowl\": 5}"), Deadline.none());

    assertThat(out.get("bowl").asInt()).isEqualTo(5);
    assertThat(out.get("passes").asInt()).isEqualTo(WashUnit.DEFAULT_PASSES);
    assertThat(out.get("checksum").textValue()).matches("[0-9a-f]{16}");
    assertThat(out.size()).isEqualTo(3);
  }

  @Test
  void wash_takesAboutAThirdOfASaladsPasses_soOneWasherKeepsUpWithThreeMakers() {
    assertThat(WashUnit.DEFAULT_PASSES * 3)
        .isBetween(SaladUnit.DEFAULT_PASSES * 9 / 10, SaladUnit.DEFAULT_PASSES * 11 / 10);
  }

  @Test
  void checksum_isTheSameForTheSameWash_andDiffersFromASaladInTheSameBowl() {
    String checksum = checksum(0, 100);

    assertThat(checksum(0, 100)).isEqualTo(checksum);
    assertThat(checksum(1, 100)).isNotEqualTo(checksum);
    assertThat(checksum(0, 101)).isNotEqualTo(checksum);
    assertThat(new SaladUnit().run(new SaladUnit.Input(0, 0, 100), Deadline.none()).checksum())
        .isNotEqualTo(checksum);
  }

  @Test
  void wash_stopsWithDeadlineExceeded_whenItsTimeIsUp() {
    assertThatThrownBy(() -> unit.run(new WashUnit.Input(3, WashUnit.MAX_PASSES), () -> 0))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("wash(bowl 3) stopped");
  }

  @Test
  void wash_asyncComputesOnTheLoop_andGivesTheBlockingResult() throws Exception {
    JsonNode input = UnitJson.parse("test", "{\"bowl\": 2, \"passes\": 300}");
    try (TestLoop loop = TestLoop.named("wash-loop")) {
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThat(call.result().get(5, TimeUnit.SECONDS))
          .isEqualTo(unit.call(input, Deadline.none()));
    }
  }

  private String checksum(int bowl, int passes) {
    return unit.run(new WashUnit.Input(bowl, passes), Deadline.none()).checksum();
  }
}

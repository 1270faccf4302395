package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PowerloopUnitTest {
  private final PowerloopUnit unit = new PowerloopUnit();

  /** Full size costs ~0.2 s a start: the articles' extremes run at full size, the rest shorter. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 19, 20})
  void powerloop_seedStartsEndNearStartPlusTwoMillion(int start) {
    JsonNode out = unit.call(UnitJson.parse("test", "{\"start\": " + start + "}"), Deadline.none());

    double expected = start + 2_000_000.0;
    assertThat(out.get("start").asDouble()).isEqualTo(start);
    assertThat(out.get("iterations").asInt()).isEqualTo(PowerloopUnit.DEFAULT_ITERATIONS);
    assertThat(out.get("result").asDouble()).isCloseTo(expected, within(expected * 1e-6));
  }

  @Test
  void powerloop_everySeedStartEndsNearStartPlusIterations() {
    int iterations = 200_000;
    for (int start = 1; start <= 20; start++) {
      double result =
          unit.run(new PowerloopUnit.Input(start, iterations), Deadline.none()).result();

      double expected = start + (double) iterations;
      assertThat(result).as("powerloop(%d)", start).isCloseTo(expected, within(expected * 1e-6));
    }
  }

  @Test
  void powerloop_withTenIterationsAddsTen() {
    for (double start : new double[] {0, 1, 2.5, 7, 20, 1_000}) {
      double result = unit.run(new PowerloopUnit.Input(start, 10), Deadline.none()).result();

      double expected = start + 10;
      assertThat(result).as("start %s", start).isCloseTo(expected, within(expected * 1e-9));
    }
  }

  @Test
  void powerloop_readsOptionalIterations() {
    JsonNode out =
        unit.call(UnitJson.parse("test", "{\"start\": 3, \"iterations\": 10}"), Deadline.none());

    assertThat(out.get("iterations").asInt()).isEqualTo(10);
    assertThat(out.get("result").asDouble()).isCloseTo(13.0, within(13e-9));
  }
}

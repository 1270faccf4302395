package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import org.junit.jupiter.api.Test;

class FibUnitTest {
  private final FibUnit unit = new FibUnit();

  private long fib(int n) {
    return unit.run(new FibUnit.Input(n), Deadline.none()).value();
  }

  @Test
  void fib_startsAtZeroThenOne() {
    assertThat(fib(1)).isZero();
    assertThat(fib(2)).isEqualTo(1);
    assertThat(fib(3)).isEqualTo(1);
    assertThat(fib(10)).isEqualTo(34);
  }

  @Test
  void fib_ofThirtyFiveIsTheSeedsLargestValue() {
    JsonNode out = unit.call(UnitJson.parse("test", "{\"n\": 35}"), Deadline.none());

    assertThat(out.get("n").asInt()).isEqualTo(35);
    assertThat(out.get("value").asLong()).isEqualTo(5_702_887L);
  }

  @Test
  void fib_matchesIterativeComputationForSeedsOneToThirtyFive() {
    long[] expected = new long[36];
    expected[1] = 0;
    expected[2] = 1;
    for (int n = 3; n <= 35; n++) {
      expected[n] = expected[n - 1] + expected[n - 2];
    }
    for (int n = 1; n <= 35; n++) {
      assertThat(fib(n)).as("fib(%d)", n).isEqualTo(expected[n]);
    }
  }
}

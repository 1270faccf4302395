package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneNamesTest {
  @Test
  void natural_ordersRunsOfDigitsAsNumbers() {
    List<String> lanes =
        new ArrayList<>(
            List.of(
                "virtual-69",
                "thread-10",
                "virtual-41",
                "pid 1234",
                "thread-2",
                "pid 987",
                "event-loop",
                "thread-1"));

    lanes.sort(LaneNames.NATURAL);

    assertThat(lanes)
        .containsExactly(
            "event-loop",
            "pid 987",
            "pid 1234",
            "thread-1",
            "thread-2",
            "thread-10",
            "virtual-41",
            "virtual-69");
  }

  @Test
  void natural_putsAPrefixFirst_andTellsEqualNamesEqual() {
    assertThat(LaneNames.compare("instance", "instance 2")).isNegative();
    assertThat(LaneNames.compare("instance 02", "instance 2")).isZero();
    assertThat(LaneNames.compare("thread-99999999999999999999", "thread-3")).isPositive();
  }
}

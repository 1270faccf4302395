package dev.fanout.localcloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's timers, with instants given rather than read from a clock. */
class TimerQueueTest {

  @Test
  void pollDue_takesTasksByDeadlineThenInTheOrderAdded_andNoneEarly() {
    TimerQueue timers = new TimerQueue();
    List<String> ran = new ArrayList<>();
    long[] deadlines = {40, 10, 30, 10, 0, -5};
    for (int i = 0; i < deadlines.length; i++) {
      String name = "t" + i;
      timers.add(deadlines[i], () -> ran.add(name));
    }

    assertThat(timers.nextDeadline()).isEqualTo(-5);
    drain(timers, 9);
    assertThat(ran).containsExactly("t5", "t4");
    drain(timers, 30);
    assertThat(ran).containsExactly("t5", "t4", "t1", "t3", "t2");
    drain(timers, 40);
    assertThat(ran).endsWith("t0");
    assertThat(timers.isEmpty()).isTrue();
  }

  @Test
  void deadlines_areComparedAcrossTheWrapOfNanoTime() {
    TimerQueue timers = new TimerQueue();
    List<String> ran = new ArrayList<>();
    timers.add(Long.MIN_VALUE + 5, () -> ran.add("after the wrap"));
    timers.add(Long.MAX_VALUE - 5, () -> ran.add("before the wrap"));

    drain(timers, Long.MAX_VALUE);
    assertThat(ran).containsExactly("before the wrap");
    drain(timers, Long.MIN_VALUE + 5);
    assertThat(ran).containsExactly("before the wrap", "after the wrap");
  }

  private static void drain(TimerQueue timers, long now) {
    for (Runnable task = timers.pollDue(now); task != null; task = timers.pollDue(now)) {
      task.run();
    }
  }
}

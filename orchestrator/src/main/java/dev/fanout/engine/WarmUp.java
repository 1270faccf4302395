package dev.fanout.engine;

import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitKind;
import dev.fanout.plan.Workload;

/**
 * Runs tasks untimed until the JIT has had about 300 ms with the unit's code, so that the first
 * in-JVM strategy is not charged for compiling what the others reuse. The task list is gone through
 * again while time is left: one pass of a short list (20 sums of squares take 60 ms) leaves the hot
 * loops half compiled. Timer waits need none.
 */
final class WarmUp {
  private static final double WARMUP_MILLIS = 300;

  private WarmUp() {}

  static void run(Unit<?, ?> unit, Workload workload) {
    if (unit.kind() == UnitKind.WAIT || workload.inputs().isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    for (int i = 0; (System.nanoTime() - start) / 1e6 < WARMUP_MILLIS; i++) {
      try {
        unit.call(workload.inputs().get(i % workload.size()), Deadline.none());
      } catch (RuntimeException e) {
        // The timed runs report failures; the warm-up only needs the code to have run.
      }
    }
  }
}

package dev.fanout.advice;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;

/**
 * A recommendation and what it rests on.
 *
 * @param sampleTasks how many tasks the sample ran, one after another
 * @param sampleWallMillis their wall time in all
 * @param sampleCpuMillis their CPU time in all, or null where it could not be measured
 * @param bound what the sample says the work is bound by
 * @param strategy the strategy recommended
 * @param reasons the rule applied, step by step, with the figures
 */
public record Advice(
    String workload,
    int sampleTasks,
    double sampleWallMillis,
    Double sampleCpuMillis,
    Bound bound,
    StrategyKind strategy,
    List<String> reasons) {

  /** The articles' two kinds of work. */
  public enum Bound {
    /** Most of the time on the CPU: only more cores help. */
    CPU,
    /** Most of the time waiting: overlapping the waits helps. */
    IO
  }

  public Advice {
    reasons = List.copyOf(reasons);
  }

  /** CPU time as a share of wall time in the sample, or null where CPU time is unmeasured. */
  public Double cpuShare() {
    return sampleCpuMillis == null ? null : sampleCpuMillis / Math.max(1e-9, sampleWallMillis);
  }
}

package dev.fanout.advice;

import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recommends a strategy by the articles' rules from a measured sample instead of a guess, then
 * judges the recommendation against real runs. The rules: work that spends most of its time on the
 * CPU gains only from more cores; work that spends most of it waiting gains from overlapping the
 * waits ("asyncio when you can, threading when you must").
 */
public final class Advisor {
  /** CPU-bound when the CPU takes at least this share of the wall time: "most of its time". */
  public static final double CPU_BOUND_SHARE = 0.5;

  /** A recommendation this close to the fastest ties with it: the noise of a shared machine. */
  public static final double TIE = 0.10;

  /** A Java Lambda instance's start: 0.85-1.0 s measured here, about the same on AWS. */
  static final double COLD_START_MILLIS = 1000;

  private Advisor() {}

  /**
   * @param sample a sequential run of a few of the workload's tasks
   * @param declared the unit's declared kind: the fallback where CPU time was not measured
   * @param tasks how many tasks the whole workload has
   * @param cores this machine's cores
   * @param remoteLambda invocations Lambda can run at once on machines of its own (AWS, or an
   *     endpoint); 0 when Lambda is absent or emulated on this machine's cores
   */
  public static Advice advise(
      RunResult sample, UnitKind declared, int tasks, int cores, int remoteLambda) {
    double wall = 0;
    double cpu = 0;
    boolean measured = true;
    for (TaskRecord task : sample.tasks()) {
      wall += task.durationMillis();
      if (task.cpuMillis() == null) {
        measured = false;
      } else {
        cpu += task.cpuMillis();
      }
    }
    List<String> reasons = new ArrayList<>();
    Advice.Bound bound;
    int n = sample.tasks().size();
    if (measured && wall > 0) {
      // CPU time can edge past wall time by the two clocks' rounding: a share is at most 1.
      double share = Math.min(1, cpu / wall);
      bound = share >= CPU_BOUND_SHARE ? Advice.Bound.CPU : Advice.Bound.IO;
      reasons.add(
          String.format(
              Locale.ROOT,
              "sample: %d of %d tasks, one after another: %s wall, %s CPU, so %.0f%% of the time"
                  + " on the CPU and %.0f%% waiting.",
              n,
              tasks,
              millis(wall),
              millis(cpu),
              share * 100,
              (1 - share) * 100));
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s: the articles call work CPU-bound when it spends most of its time (here: at least"
                  + " %.0f%%) computing, I/O-bound when it spends most of it waiting.",
              bound == Advice.Bound.CPU ? "CPU-bound" : "I/O-bound",
              CPU_BOUND_SHARE * 100));
    } else {
      bound = declared == UnitKind.CPU ? Advice.Bound.CPU : Advice.Bound.IO;
      reasons.add(
          "sample: CPU time could not be measured here, so the unit's declared kind ("
              + declared
              + ") decides.");
    }
    double meanTask = n == 0 ? 0 : wall / n;
    StrategyKind strategy;
    if (bound == Advice.Bound.CPU) {
      strategy = cpuBound(reasons, meanTask * tasks, tasks, cores, remoteLambda);
    } else {
      strategy = StrategyKind.VIRTUAL;
      reasons.add(
          "I/O-bound work gains from overlapping the waits: the more tasks in flight, the"
              + " sooner it ends. The articles: asyncio when you can, threads when you must (when the"
              + " library blocks). Java's virtual threads give blocking code asyncio's reach:"
              + " every task in flight, each parked while it waits, with no loop to keep free"
              + " (async does the same on one loop, for non-blocking libraries; a pool of threads"
              + " only keeps its size in flight).");
    }
    reasons.add("recommended: " + strategy.label() + ".");
    return new Advice(sample.workload(), n, wall, measured ? cpu : null, bound, strategy, reasons);
  }

  private static StrategyKind cpuBound(
      List<String> reasons, double work, int tasks, int cores, int remoteLambda) {
    reasons.add(
        "CPU-bound work gains only from more cores. The articles reach for processes because"
            + " Python's GIL runs one thread at a time; a JVM has no GIL, so a pool of platform"
            + " threads computes on every core at once, with no worker JVMs to start or feed.");
    double onCores = work / Math.max(1, cores);
    if (remoteLambda <= 0) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "estimated work: %d tasks x %s = %s, at best %s on %d cores. Lambda adds cores only"
                  + " when it runs elsewhere (--aws, --endpoint); here it would share these.",
              tasks,
              millis(work / Math.max(1, tasks)),
              millis(work),
              millis(onCores),
              cores));
      return StrategyKind.THREADS;
    }
    double onLambda = COLD_START_MILLIS + work / Math.min(tasks, remoteLambda);
    boolean outgrows = onLambda * 2 < onCores;
    reasons.add(
        String.format(
            Locale.ROOT,
            "estimated work: %s, at best %s on %d cores; about %s on Lambda with %d in flight"
                + " (a cold start of ~%s, then the work spread). %s",
            millis(work),
            millis(onCores),
            cores,
            millis(onLambda),
            Math.min(tasks, remoteLambda),
            millis(COLD_START_MILLIS),
            outgrows
                ? "The work outgrows the cores by more than twice: Lambda."
                : "Not twice as fast: the cores, without the network and the bill."));
    return outgrows ? StrategyKind.LAMBDA : StrategyKind.THREADS;
  }

  /**
   * Judges the advice against runs of the same workload. Time to result is what a user waits: the
   * wall time, plus the worker JVMs' start-up for processes (the table shows it apart).
   */
  public static Verdict judge(Advice advice, List<RunSummary> runs) {
    RunSummary fastest = null;
    RunSummary recommended = null;
    for (RunSummary run : runs) {
      if (run.run().strategy() == advice.strategy()) {
        recommended = run;
      }
      if (run.run().failed() == 0
          && (fastest == null || timeToResult(run) < timeToResult(fastest))) {
        fastest = run;
      }
    }
    if (fastest == null) {
      throw new IllegalArgumentException("no run without failures to judge the advice by");
    }
    StrategyKind fastestKind = fastest.run().strategy();
    double best = timeToResult(fastest);
    if (recommended == null) {
      return new Verdict(advice.strategy(), null, fastestKind, best, Verdict.Outcome.NOT_RUN);
    }
    if (recommended.run().failed() > 0) {
      return new Verdict(advice.strategy(), null, fastestKind, best, Verdict.Outcome.LOST);
    }
    double mine = timeToResult(recommended);
    // Within 10%, or the recommended strategy's best run beat the fastest one's worst: noise.
    boolean tie = mine <= best * (1 + TIE) || bestRun(recommended) <= worstRun(fastest);
    Verdict.Outcome outcome =
        recommended == fastest
            ? Verdict.Outcome.WON
            : tie ? Verdict.Outcome.TIED : Verdict.Outcome.LOST;
    return new Verdict(advice.strategy(), mine, fastestKind, best, outcome);
  }

  /**
   * The median wall time, plus the slowest worker JVM's start-up where a pool was started. Worker
   * JVMs start in parallel before the clock runs, so the user waits for the slowest of them.
   */
  public static double timeToResult(RunSummary summary) {
    return summary.run().wallMillis() + startup(summary);
  }

  private static double bestRun(RunSummary summary) {
    return summary.wallSamples().stream().mapToDouble(Double::doubleValue).min().orElseThrow()
        + startup(summary);
  }

  private static double worstRun(RunSummary summary) {
    return summary.wallSamples().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
        + startup(summary);
  }

  private static double startup(RunSummary summary) {
    return summary.run().startupMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  static String millis(double millis) {
    return millis < 1000
        ? String.format(Locale.ROOT, "%.1f ms", millis)
        : String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }
}

package dev.fanout.forecast;

import java.util.List;

/**
 * What a report measured of one workload that a forecast needs: each task's work as near to alone
 * as it ran, the runs to check the model against, and the machine they ran on.
 *
 * @param kind the unit's kind as the report names it (CPU, IO, ...)
 * @param work per task of the sequential run, in task order: its shortest time in any run
 * @param runs every run of the workload in the report, the sequential one included
 * @param lambda what the lambda run measured
 * @param cores the cores of the machine the report was measured on
 * @param loadAverage that machine's load average when the report was written, or null
 */
public record Profile(
    String workload,
    String kind,
    List<TaskWork> work,
    List<MeasuredRun> runs,
    LambdaMeasure lambda,
    int cores,
    Double loadAverage) {

  public Profile {
    work = List.copyOf(work);
    runs = List.copyOf(runs);
  }

  /**
   * One measured run.
   *
   * @param strategy its label ({@code threads}, {@code lambda}, ...)
   * @param lanes tasks it ran at once: workers, or in flight for a strategy with one lane per task
   * @param tasks how many tasks it ran
   * @param wallMillis its measured wall time
   * @param startupMillis the mean worker JVM start-up before it (0 in one JVM)
   */
  public record MeasuredRun(
      String strategy, long lanes, long tasks, double wallMillis, double startupMillis) {

    /** Lanes for {@code n} tasks: one per task if it ran one per task, else as many as measured. */
    public long lanesFor(long n) {
      return lanes >= tasks ? n : lanes;
    }
  }

  /**
   * What the lambda run measured.
   *
   * @param instances the most instances the backend allowed at once (the local emulation's cap)
   * @param coldStartMillis the mean cold start as the invoker saw it: starting an instance, its
   *     init, and its first call's extra time
   * @param overheadMillis the median time of a warm invocation outside the handler: the round trip
   *     between the invoker and the function
   * @param issuePerSecond how fast the invoker sent invocations while it had room to
   * @param memoryMB the functions' configured memory
   * @param handlerMillis per task, the handler's duration as the function reported it
   * @param local whether it ran in the local emulation, not on AWS
   */
  public record LambdaMeasure(
      int instances,
      double coldStartMillis,
      double overheadMillis,
      double issuePerSecond,
      int memoryMB,
      List<Double> handlerMillis,
      boolean local) {
    public LambdaMeasure {
      handlerMillis = List.copyOf(handlerMillis);
    }
  }
}

package dev.fanout.forecast;

import java.util.List;

/**
 * What a report measured of one workload that a forecast needs: each task's work as the sequential
 * run measured it, the runs to check the model against, and the machine they ran on.
 *
 * @param kind the unit's kind as the report names it (CPU, IO, ...)
 * @param work per task of the sequential run, in task order: its CPU time, and for a unit that
 *     waits the rest of its time as waiting (a CPU unit's rest was other threads' turns)
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
   * @param shape its lanes, and how many of them compute at once
   * @param tasks how many tasks it ran
   * @param wallMillis its measured wall time
   * @param workerStartupMillis the mean worker JVM start-up before it (0 in one JVM), which the
   *     wall time leaves out
   * @param costs what the strategy cost beyond the tasks' work, as the report measured it
   * @param machine the cores as the JVM's threads could get them just before the run (a probe), or
   *     null where not measured
   */
  public record MeasuredRun(
      String strategy,
      MachineModel.Shape shape,
      long tasks,
      double wallMillis,
      double workerStartupMillis,
      MachineModel.Costs costs,
      MachineModel.Machine machine) {

    /** A run known by its lanes alone, each computing, at no cost beyond its tasks' work. */
    public MeasuredRun(
        String strategy, long lanes, long tasks, double wallMillis, double workerStartupMillis) {
      this(
          strategy,
          new MachineModel.Shape(lanes, lanes),
          tasks,
          wallMillis,
          workerStartupMillis,
          MachineModel.Costs.NONE,
          null);
    }

    /** Its shape for {@code n} tasks: a lane per task if it ran one per task, else as measured. */
    public MachineModel.Shape shapeFor(long n) {
      return shape.lanes() >= tasks ? new MachineModel.Shape(n, shape.computing()) : shape;
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

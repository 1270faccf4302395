package dev.fanout.forecast;

import java.util.List;

/**
 * A run on this machine as a schedule of its tasks (see {@link Schedule}): the strategy's shape
 * (tasks at once, tasks computing at once), its costs beyond the tasks' work, and the cores with
 * the share of each that the run's threads get. Pure: the same inputs give the same answer.
 */
public final class MachineModel {
  /**
   * Tasks scheduled one by one; past them the schedule's pace over its second half carries on, so
   * that a million tasks cost no more to predict than ten thousand.
   */
  static final int SCHEDULED_TASKS = 10_000;

  private MachineModel() {}

  /**
   * How a strategy runs its tasks.
   *
   * @param lanes tasks it runs at once: its threads or worker JVMs, the carriers of virtual threads
   *     that only compute, or one per task
   * @param computing of those, how many can compute at once: one per lane where each has a thread
   *     or a JVM of its own (the cores are then shared between them), the carriers for virtual
   *     threads, the one loop for async; the others wait their turn in line
   */
  public record Shape(long lanes, long computing) {
    public Shape {
      if (lanes < 1 || computing < 1) {
        throw new IllegalArgumentException("a strategy runs at least one task at a time");
      }
    }
  }

  /**
   * What a strategy costs beyond its tasks' work, each measured in the report.
   *
   * @param startupMillis before its first task: making its threads or loop, loading its classes
   * @param dispatchMillis per task, computing on its lane: handing the task over and recording its
   *     end (the journal's line, the progress bar), one task at a time
   * @param handOffMillis per task, waiting: the round trip over a worker JVM's pipe
   * @param firstCallMillis once per lane, waiting: a fresh worker JVM's first task beyond its work
   *     (classes loading, code not yet compiled, a first connection)
   */
  public record Costs(
      double startupMillis, double dispatchMillis, double handOffMillis, double firstCallMillis) {
    public static final Costs NONE = new Costs(0, 0, 0, 0);

    public Costs {
      if (startupMillis < 0 || dispatchMillis < 0 || handOffMillis < 0 || firstCallMillis < 0) {
        throw new IllegalArgumentException("costs cannot be negative");
      }
    }
  }

  /**
   * The cores a run has: 1 of each on a machine to itself, less where other work shares them.
   *
   * @param cores the machine's cores
   * @param oneThread the share of a core one computing thread gets
   * @param eachOfAllCores the share of a core each thread gets when as many compute as there are
   *     cores (Linux shares the cores between sessions first, so it may be less than one alone)
   */
  public record Machine(int cores, double oneThread, double eachOfAllCores) {
    public Machine {
      if (cores < 1
          || !(oneThread > 0 && oneThread <= 1)
          || !(eachOfAllCores > 0 && eachOfAllCores <= 1)) {
        throw new IllegalArgumentException("a machine has cores, and shares of them in (0, 1]");
      }
    }

    /** The machine to itself. */
    public static Machine alone(int cores) {
      return new Machine(cores, 1, 1);
    }

    /** The share of a core each of {@code computing} threads gets: the cores shared alike. */
    public double perThread(long computing) {
      return computing < cores ? oneThread : eachOfAllCores * cores / computing;
    }

    /** The cores {@code computing} threads get between them. */
    public double coresFor(long computing) {
      return Math.min(computing, cores) * perThread(Math.min(computing, cores));
    }
  }

  /** The wall time of {@code tasks} tasks, the i-th doing the work of {@code work[i mod size]}. */
  public static double wallMillis(
      List<TaskWork> work, long tasks, Shape shape, Costs costs, Machine machine) {
    if (work.isEmpty() || tasks < 1) {
      throw new IllegalArgumentException("a forecast needs at least one task and its work");
    }
    if (tasks <= SCHEDULED_TASKS) {
      return Schedule.wallMillis(work, (int) tasks, shape, costs, machine);
    }
    int half = SCHEDULED_TASKS / 2;
    double atHalf = Schedule.wallMillis(work, half, shape, costs, machine);
    double atAll = Schedule.wallMillis(work, SCHEDULED_TASKS, shape, costs, machine);
    double perTask = (atAll - atHalf) / (SCHEDULED_TASKS - half);
    return atAll + (tasks - SCHEDULED_TASKS) * perTask;
  }
}

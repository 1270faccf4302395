package dev.fanout.forecast;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One run's tasks played out in time. From the strategy's start-up on, each task goes in order to
 * the first free lane. A task that waits computes half its CPU time (building and sending a
 * request), waits (the answer, a worker's pipe, a worker's first call), then computes the rest and
 * its dispatch (reading the answer, recording the task); a task that never waits computes once. Up
 * to {@code computing} tasks compute at once and the rest queue in order; those computing share the
 * cores alike (processor sharing, as the scheduler slices threads), each at the share of a core the
 * machine gives that many threads; waits overlap freely. The wall time is the last end.
 */
final class Schedule {
  private static final int FIRST_COMPUTE = 0;
  private static final int WAIT = 1;
  private static final int LAST_COMPUTE = 2;
  private static final int DONE = 3;

  /** A task in the schedule: how much of each phase is left, and when its current one ends. */
  private static final class Job {
    final double[] phases = new double[DONE];
    int phase = -1;
    double endsAt; // service (computing) or time (waiting) at which the current phase ends
  }

  private final MachineModel.Shape shape;
  private final MachineModel.Machine machine;
  private final ArrayDeque<Job> inLine = new ArrayDeque<>();
  private final PriorityQueue<Job> computing =
      new PriorityQueue<>(Comparator.comparingDouble(job -> job.endsAt));
  private final PriorityQueue<Job> waiting =
      new PriorityQueue<>(Comparator.comparingDouble(job -> job.endsAt));
  private double now;
  private double served; // service each computing task has had since the start: all share alike
  private long freeLanes;
  private int ended;

  private Schedule(MachineModel.Shape shape, MachineModel.Machine machine, long lanes) {
    this.shape = shape;
    this.machine = machine;
    this.freeLanes = lanes;
  }

  static double wallMillis(
      List<TaskWork> work,
      int tasks,
      MachineModel.Shape shape,
      MachineModel.Costs costs,
      MachineModel.Machine machine) {
    long lanes = Math.min(shape.lanes(), tasks);
    Schedule schedule = new Schedule(shape, machine, lanes);
    schedule.now = costs.startupMillis();
    int started = 0;
    while (schedule.ended < tasks) {
      while (schedule.freeLanes > 0 && started < tasks) {
        schedule.freeLanes--;
        boolean firstOnItsLane = started < lanes;
        schedule.advance(job(work.get(started % work.size()), costs, firstOnItsLane));
        started++;
      }
      if (schedule.ended < tasks) {
        schedule.step();
      }
    }
    return schedule.now;
  }

  /** A task's phases: what it computes before and after its wait, and the wait. */
  private static Job job(TaskWork work, MachineModel.Costs costs, boolean firstOnItsLane) {
    Job job = new Job();
    double wait =
        work.waitMillis() + costs.handOffMillis() + (firstOnItsLane ? costs.firstCallMillis() : 0);
    if (wait > 0) {
      job.phases[FIRST_COMPUTE] = work.cpuMillis() / 2;
      job.phases[WAIT] = wait;
      job.phases[LAST_COMPUTE] = work.cpuMillis() / 2 + costs.dispatchMillis();
    } else {
      job.phases[FIRST_COMPUTE] = work.cpuMillis() + costs.dispatchMillis();
    }
    return job;
  }

  /** To the job's next phase that takes any time: in line to compute, waiting, or done. */
  private void advance(Job job) {
    do {
      job.phase++;
    } while (job.phase < DONE && job.phases[job.phase] <= 0);
    switch (job.phase) {
      case FIRST_COMPUTE, LAST_COMPUTE -> inLine.add(job);
      case WAIT -> {
        job.endsAt = now + job.phases[WAIT];
        waiting.add(job);
      }
      default -> {
        freeLanes++;
        ended++;
      }
    }
  }

  /** Runs the schedule to its next event: a phase ends, or a job frees its lane. */
  private void step() {
    while (computing.size() < shape.computing() && !inLine.isEmpty()) {
      Job job = inLine.poll();
      job.endsAt = served + job.phases[job.phase];
      computing.add(job);
    }
    int busy = computing.size();
    double rate = busy == 0 ? 0 : machine.perThread(busy);
    double computeEnd =
        busy == 0 ? Double.POSITIVE_INFINITY : now + (computing.peek().endsAt - served) / rate;
    double waitEnd = waiting.isEmpty() ? Double.POSITIVE_INFINITY : waiting.peek().endsAt;
    double next = Math.min(computeEnd, waitEnd);
    if (next == Double.POSITIVE_INFINITY) {
      throw new IllegalStateException("the schedule has tasks left and nothing under way");
    }
    served += (next - now) * rate;
    now = next;
    while (!computing.isEmpty() && reached(computing.peek().endsAt, served)) {
      advance(computing.poll());
    }
    while (!waiting.isEmpty() && reached(waiting.peek().endsAt, now)) {
      advance(waiting.poll());
    }
  }

  /** Whether a phase ending at {@code end} has ended by {@code clock}, to rounding. */
  private static boolean reached(double end, double clock) {
    return end <= clock + 1e-9 * Math.max(1, Math.abs(clock));
  }
}

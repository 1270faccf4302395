package dev.fanout.strategy;

/**
 * One worker JVM's life as the orchestrator sees it: its state in one field, one method per
 * transition, time as a parameter, no process. The thread that feeds the worker and the watchdog
 * that checks its deadline both move it, so the first of an answer and a missed deadline wins.
 *
 * <pre>
 * STARTING --ready--> IDLE --sent--> BUSY --answered--> IDLE --stopped--> STOPPED
 * STARTING, BUSY --overdue--> HUNG (the watchdog kills it)
 * STARTING, IDLE, BUSY --died--> DEAD
 * HUNG, DEAD --replaced--> REPLACED (another worker takes its place)
 * HUNG, DEAD --retired--> RETIRED (the run's replacements are spent)
 * </pre>
 */
final class WorkerLife {
  enum State {
    /** Spawned and given its settings; not ready yet, and watched until its start deadline. */
    STARTING,
    /** Ready, waiting for a task. */
    IDLE,
    /** Running a task, watched until the task's deadline. */
    BUSY,
    /** Missed a deadline: it is killed, and an answer that comes after does not count. */
    HUNG,
    /** Exited, or its pipes broke. */
    DEAD,
    /** Lost, and another worker took its place. */
    REPLACED,
    /** Lost, with no replacement: the run's replacements are spent. */
    RETIRED,
    /** Stopped at the end of the run. */
    STOPPED
  }

  private State state;

  /** When the current start or task is overdue, on the watchdog's clock (nanoseconds). */
  private long deadline;

  private WorkerLife(State state, long deadline) {
    this.state = state;
    this.deadline = deadline;
  }

  /** A worker just spawned at {@code now}, that must be ready within {@code limitNanos}. */
  static WorkerLife starting(long now, long limitNanos) {
    return new WorkerLife(State.STARTING, now + limitNanos);
  }

  synchronized State state() {
    return state;
  }

  /**
   * It said it is ready. Returns whether that counts: not when its start deadline passed first, for
   * then it is being killed as hung.
   */
  synchronized boolean ready() {
    require("be ready", State.STARTING, State.HUNG);
    if (state == State.HUNG) {
      return false;
    }
    state = State.IDLE;
    return true;
  }

  /** It was sent a task at {@code now} that must be answered within {@code limitNanos}. */
  synchronized void sent(long now, long limitNanos) {
    require("take a task", State.IDLE);
    state = State.BUSY;
    deadline = now + limitNanos;
  }

  /**
   * Its answer was read. Returns whether it counts: not when the deadline passed first, for then
   * the worker is being killed as hung.
   */
  synchronized boolean answered() {
    require("answer", State.BUSY, State.HUNG);
    if (state == State.HUNG) {
      return false;
    }
    state = State.IDLE;
    return true;
  }

  /**
   * The watchdog's check at {@code now}: returns true, once, when a start or a task has passed its
   * deadline; the caller then kills the worker.
   */
  synchronized boolean overdue(long now) {
    if ((state == State.STARTING || state == State.BUSY) && now - deadline >= 0) {
      state = State.HUNG;
      return true;
    }
    return false;
  }

  /**
   * Its pipes broke or it exited. Returns what it is now: HUNG when that was the watchdog's kill,
   * else DEAD.
   */
  synchronized State died() {
    require("die", State.STARTING, State.IDLE, State.BUSY, State.HUNG, State.DEAD);
    if (state != State.HUNG) {
      state = State.DEAD;
    }
    return state;
  }

  /** Another worker took its place. */
  synchronized void replaced() {
    require("be replaced", State.HUNG, State.DEAD);
    state = State.REPLACED;
  }

  /** It is gone and nothing takes its place. */
  synchronized void retired() {
    require("be retired", State.HUNG, State.DEAD);
    state = State.RETIRED;
  }

  /** It was stopped at the end of the run, between tasks. */
  synchronized void stopped() {
    require("be stopped", State.IDLE);
    state = State.STOPPED;
  }

  private void require(String what, State... allowed) {
    for (State one : allowed) {
      if (state == one) {
        return;
      }
    }
    throw new IllegalStateException("a worker that is " + state + " cannot " + what);
  }
}

package dev.fanout.strategy;

import java.time.Duration;

/**
 * How long a task may take in a worker JVM before the worker counts as hung, is killed, and the
 * task fails with {@code WorkerHung}: the unit's own time limit plus a margin, or the user's own
 * deadline ({@code --task-timeout}).
 *
 * @param deadline from sending the task to reading its answer
 * @param chosen whether the user gave it, rather than the unit's time limit plus the margin
 */
public record TaskTimeout(Duration deadline, boolean chosen) {
  /**
   * The time limit each unit has as a Lambda function: the template's Timeout (60 s unless the
   * deployment says otherwise). Long units stop themselves just before it on Lambda.
   */
  public static final Duration UNIT_TIME_LIMIT = Duration.ofSeconds(60);

  /**
   * Room past the unit's own limit for a worker that is slow, not hung: a busy machine, a pause.
   */
  public static final Duration MARGIN = Duration.ofSeconds(5);

  public TaskTimeout {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("a task deadline must be positive, got " + deadline);
    }
  }

  /** The user's deadline; null for the unit's time limit plus the margin. */
  public static TaskTimeout of(Duration chosen) {
    return chosen == null
        ? new TaskTimeout(UNIT_TIME_LIMIT.plus(MARGIN), false)
        : new TaskTimeout(chosen, true);
  }

  long nanos() {
    return deadline.toNanos();
  }

  /** The deadline and where it comes from, for the message of a task whose worker hung. */
  public String describe() {
    return chosen
        ? text(deadline) + " (--task-timeout)"
        : text(deadline)
            + " (the unit's time limit, "
            + text(UNIT_TIME_LIMIT)
            + ", plus "
            + text(MARGIN)
            + "; set it with --task-timeout)";
  }

  private static String text(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}

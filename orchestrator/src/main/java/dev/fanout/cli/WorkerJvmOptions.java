package dev.fanout.cli;

import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import picocli.CommandLine.Option;

/**
 * The options of the processes strategy's worker JVMs: mixed into every command that may run it.
 */
final class WorkerJvmOptions {
  /** The longest deadline taken: a day is beyond any task of the lab's. */
  private static final Duration MAX_TASK_TIMEOUT = Duration.ofHours(24);

  @Option(
      names = "--task-timeout",
      paramLabel = "DURATION",
      description =
          "processes: how long a task may take in a worker JVM, e.g. 30s, 2m, 500ms. Past it the"
              + " worker counts as hung: it is killed, the task fails with WorkerHung and a new"
              + " worker takes the next tasks (default: the unit's time limit, 60 s, plus 5 s).")
  String taskTimeout;

  /** Checks the value picocli's types cannot; the message names the option. */
  void validate() {
    taskTimeout();
  }

  /** The deadline given; null for the unit's own time limit plus a margin. */
  Duration taskTimeout() {
    if (taskTimeout == null) {
      return null;
    }
    Duration duration = OptionChecks.duration("--task-timeout", taskTimeout);
    if (duration.compareTo(MAX_TASK_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "--task-timeout must be at most 24h, got '" + taskTimeout + "'");
    }
    return duration;
  }

  /** Says in one line that the deadline does nothing when no strategy of the run is processes. */
  void warnUnused(Collection<StrategyKind> kinds, PrintWriter err) {
    if (taskTimeout != null && !kinds.contains(StrategyKind.PROCESSES)) {
      err.println("fanout: warning: --task-timeout does nothing here: no processes strategy runs");
      err.flush();
    }
  }

  /** Refuses a deadline that the one strategy of a run would not use. */
  void requireWorkerJvms(StrategyKind strategy) {
    if (taskTimeout != null && strategy != StrategyKind.PROCESSES) {
      throw new IllegalArgumentException(
          "--task-timeout bounds a task in a worker JVM: it is for --strategy processes, not "
              + strategy.label());
    }
  }
}

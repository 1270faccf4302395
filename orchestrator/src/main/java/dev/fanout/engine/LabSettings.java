package dev.fanout.engine;

import dev.fanout.plan.TaskFile;
import dev.fanout.report.Journal;
import dev.fanout.report.JournalFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the engine starts for its runs, and how it runs the strategies.
 *
 * @param fetching where the I/O workloads fetch and store; null when the runs fetch nothing (the
 *     bank), so that no origin is started
 * @param ledger where {@code transfer} keeps the balances
 * @param lambda where the lambda strategy invokes, if it runs
 * @param tasks tasks per workload; 0 for each workload's own count (or one per line of the file)
 * @param taskFile the user's own task list, in place of the articles'; null for theirs
 * @param workers the pool of threads and processes, lambda's invocations in flight; 0 for each
 *     strategy's own default
 * @param repeats how many times each strategy runs
 * @param warmup whether the workload's code runs untimed first, so that the JIT has compiled it
 * @param journal where each task is appended the moment it ends, and what run it is; null for none
 * @param unitJars jars of units of your own, run beside the built-in units
 * @param taskTimeout how long a task may take in a worker JVM before the worker counts as hung;
 *     null for the unit's own time limit plus a margin
 */
public record LabSettings(
    Fetching fetching,
    LedgerChoice ledger,
    LambdaChoice lambda,
    int tasks,
    TaskFile taskFile,
    int workers,
    int repeats,
    boolean warmup,
    Journaling journal,
    List<Path> unitJars,
    Duration taskTimeout) {

  public LabSettings {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
    }
    unitJars = List.copyOf(unitJars);
  }

  /**
   * Where the I/O workloads fetch and store.
   *
   * @param origin an origin of the user's own; null to start the local one
   * @param latencyMs the latency the local origin adds to each response
   * @param jitterMs a random extra latency of 0..jitterMs per response
   * @param imageDir where {@code image} stores its files; null for a new temporary directory
   */
  public record Fetching(URI origin, int latencyMs, int jitterMs, Path imageDir) {}

  /**
   * The run's journal.
   *
   * @param file where the lines go
   * @param header what the journal's first line says of a new run
   * @param resumed the journal read back when this run completes it; null for a new run
   */
  public record Journaling(Path file, Journal.Header header, JournalFile resumed) {
    /** A new run's journal. */
    public static Journaling start(Path file, Journal.Header header) {
      return new Journaling(file, header, null);
    }

    /** The journal of a run this one completes. */
    public static Journaling resume(JournalFile resumed) {
      return new Journaling(resumed.file(), resumed.header(), resumed);
    }
  }

  /** The same settings with another Lambda backend. */
  public LabSettings withLambda(LambdaChoice other) {
    return new LabSettings(
        fetching,
        ledger,
        other,
        tasks,
        taskFile,
        workers,
        repeats,
        warmup,
        journal,
        unitJars,
        taskTimeout);
  }

  /**
   * A bank run: nothing fetched, each strategy at its own defaults, run once, no warm-up.
   *
   * @param journal where each transfer is journalled as it ends; null for none
   * @param taskTimeout a transfer's deadline in a worker JVM; null for the unit's own
   */
  public static LabSettings forBank(
      LedgerChoice ledger, LambdaChoice lambda, Journaling journal, Duration taskTimeout) {
    return new LabSettings(
        null, ledger, lambda, 0, null, 0, 1, false, journal, List.of(), taskTimeout);
  }
}

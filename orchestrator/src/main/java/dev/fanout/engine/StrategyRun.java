package dev.fanout.engine;

import dev.fanout.measure.CoreShare;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.plan.Workload;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.Journal;
import dev.fanout.report.JournalFile;
import dev.fanout.report.ProgressBar;
import dev.fanout.strategy.Strategy;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.util.List;

/**
 * One timed run of a workload under a strategy, as the lab makes it: what the journal of a resumed
 * run holds is carried over, the rest runs with a progress bar, each task journalled as it ends and
 * the run once it ended.
 */
final class StrategyRun {
  /** Long enough for the scheduler to share the cores a few times over, short beside a run. */
  static final long CORE_SHARE_PROBE_MILLIS = 25;

  private final PrintWriter progress;
  private final boolean terminal;
  private final Journal journal;
  private final JournalFile resumed;

  /**
   * @param journal where tasks and runs are journalled; null for none
   * @param resumed the journal this run completes; null for a new run
   */
  StrategyRun(PrintWriter progress, boolean terminal, Journal journal, JournalFile resumed) {
    this.progress = progress;
    this.terminal = terminal;
    this.journal = journal;
    this.resumed = resumed;
  }

  /**
   * The run {@code repeat} of {@code repeats}; null when the strategy could not run, after adding
   * why to {@code failures} and telling it.
   */
  RunResult run(
      Strategy strategy, Workload workload, int repeat, int repeats, List<String> failures) {
    StrategyKind kind = strategy.kind();
    String name = kind.label();
    JournalFile.RunKey key = new JournalFile.RunKey(workload.name(), kind, repeat);
    Resumption resumption = Resumption.of(resumed, key, workload);
    if (resumption.whole().isPresent()) {
      progress.printf(
          "  %s/%s%s: carried over from the journal%n",
          workload.name(), name, repeats > 1 ? " (run " + repeat + ")" : "");
      progress.flush();
      return resumption.whole().get();
    }
    Workload remaining = resumption.remaining();
    progress.printf(
        "running %s with %s (%d tasks%s%s)...%n",
        workload.name(),
        name,
        remaining.size(),
        repeats > 1 ? ", run " + repeat + " of " + repeats : "",
        resumption.carried().isEmpty()
            ? ""
            : "; " + resumption.carried().size() + " carried over from the journal");
    progress.flush();
    RunResult run;
    try (ProgressBar bar =
        new ProgressBar(
            progress, workload.name() + "/" + name, remaining.size(), terminal, System::nanoTime)) {
      TaskListener journalled =
          journal == null
              ? TaskListener.none()
              : resumption.inOriginalIndices(journal.listener(workload.name(), kind, repeat));
      run =
          remaining.size() == 0
              ? resumption.carriedOnly(kind)
              : resumption.merged(probedRun(strategy, remaining, journalled.andThen(bar)));
    } catch (RuntimeException e) {
      failures.add(name + " could not run: " + e.getMessage());
      progress.println(
          ConsoleTable.wrap(
              workload.name() + "/" + name + " could not run: " + e.getMessage(),
              "  ",
              ConsoleTable.WIDTH));
      return null;
    }
    if (journal != null) {
      journal.ran(repeat, run);
    }
    progress.printf(
        "  %s/%s: %s, %d ok, %d failed%n",
        workload.name(), name, ConsoleTable.duration(run.wallMillis()), run.ok(), run.failed());
    progress.flush();
    return run;
  }

  /**
   * The strategy's run with the share of a core this JVM's threads could get around it (probed just
   * before and just after, the mean): the condition, other work on the machine, that the forecast's
   * validation gives the run.
   */
  private static RunResult probedRun(Strategy strategy, Workload workload, TaskListener listener) {
    int cores = Runtime.getRuntime().availableProcessors();
    CoreShare before = CoreShare.probe(cores, CORE_SHARE_PROBE_MILLIS);
    RunResult run = strategy.run(workload, listener);
    CoreShare after = CoreShare.probe(cores, CORE_SHARE_PROBE_MILLIS);
    return run.withCoreShare(before == null || after == null ? null : before.meanWith(after));
  }
}

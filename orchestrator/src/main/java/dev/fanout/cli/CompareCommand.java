package dev.fanout.cli;

import dev.fanout.plan.Workloads;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fanout compare}: every workload under every strategy, side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Runs workloads under strategies against a local origin and prints a table per workload:"
          + " wall time, speedup over sequential, efficiency against the physical limit.",
      "With no options: all seven workloads at the articles' sizes under all six strategies."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOptions options;

  @Option(
      names = {"--workload", "-w"},
      paramLabel = "W,W..",
      split = ",",
      description =
          "Workloads to run, in order; a list, or the option repeated (default: all of"
              + " ${COMPLETION-CANDIDATES}, then the units of --units).",
      completionCandidates = WorkloadNames.class)
  List<String> workloads = new ArrayList<>();

  @Option(
      names = {"--strategies", "-s"},
      paramLabel = "S,S..",
      split = ",",
      description = "Strategies to run, in order (default: all of ${COMPLETION-CANDIDATES}).",
      converter = StrategyKinds.Converter.class,
      completionCandidates = StrategyKinds.Names.class)
  List<StrategyKind> strategies = new ArrayList<>();

  @Override
  public Integer call() {
    options.validate();
    List<String> chosenWorkloads = checked("--workload", workloads, options.workloadNames());
    if (options.tasksFile != null && chosenWorkloads.size() != 1) {
      throw new IllegalArgumentException(
          "--tasks-file holds the inputs of one workload: name it with --workload, e.g."
              + " --workload fib");
    }
    return Reports.compare(spec, options, chosenWorkloads, StrategyKinds.chosen(strategies));
  }

  /** The names given, without repeats, or all of them; an unknown name is a usage error. */
  static List<String> checked(String option, List<String> given, List<String> known) {
    if (given.isEmpty()) {
      return known;
    }
    for (String name : given) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            option + ": unknown '" + name + "'; choose from " + String.join(", ", known));
      }
    }
    return List.copyOf(new LinkedHashSet<>(given));
  }

  static final class WorkloadNames extends ArrayList<String> {
    WorkloadNames() {
      super(Workloads.NAMES);
    }
  }
}

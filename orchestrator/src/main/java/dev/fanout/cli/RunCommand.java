package dev.fanout.cli;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fanout run}: one workload under one strategy. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs one workload under one strategy and prints its figures.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOptions options;

  @Mixin OneWorkload workload;

  @Option(
      names = {"--strategy", "-s"},
      required = true,
      paramLabel = "S",
      description = "The strategy: ${COMPLETION-CANDIDATES}.",
      converter = StrategyKinds.Converter.class,
      completionCandidates = StrategyKinds.Names.class)
  StrategyKind strategy;

  @Override
  public Integer call() {
    options.validate();
    options.workerJvms.requireWorkerJvms(strategy);
    return Reports.compare(spec, options, List.of(workload.name(options)), List.of(strategy));
  }
}

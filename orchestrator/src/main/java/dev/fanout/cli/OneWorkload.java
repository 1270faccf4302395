package dev.fanout.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The --workload option of the commands that take exactly one workload (run, advise). */
final class OneWorkload {
  @Option(
      names = {"--workload", "-w"},
      required = true,
      paramLabel = "W",
      description = "The workload: ${COMPLETION-CANDIDATES}.",
      completionCandidates = CompareCommand.WorkloadNames.class)
  String workload;

  /**
   * The workload's name; an unknown one is a usage error naming the known ones.
   *
   * @param options the run's options, validated: they know the units of your own
   */
  String name(RunOptions options) {
    if (workload.contains(",")) {
      throw new IllegalArgumentException(
          "--workload: this command runs one workload, got '"
              + workload
              + "'; scripts/fanout compare runs several");
    }
    return CompareCommand.checked("--workload", List.of(workload), options.workloadNames())
        .getFirst();
  }
}

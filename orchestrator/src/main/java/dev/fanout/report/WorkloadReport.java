package dev.fanout.report;

import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunSummary;
import java.util.List;

/**
 * Everything reported about one workload: what it was, and each strategy's summarised run.
 *
 * @param failures strategies that could not run at all, with the reason
 */
public record WorkloadReport(
    String workload,
    UnitKind kind,
    int tasks,
    String source,
    List<RunSummary> runs,
    List<String> failures) {

  public WorkloadReport {
    runs = List.copyOf(runs);
    failures = List.copyOf(failures);
  }
}

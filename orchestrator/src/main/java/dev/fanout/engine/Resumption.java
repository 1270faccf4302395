package dev.fanout.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.report.JournalFile;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One strategy run of a resumed run: what its journal already holds and what is left to run. A run
 * the journal holds whole is carried over as it was; otherwise only the tasks with no outcome run
 * (as a workload of their own, its indices mapped back to the list's), and the run is their sum:
 * the carried tasks first, then the new ones, whose times start where the carried ones ended.
 *
 * @param whole the run as the journal holds it, when it ended whole
 * @param carried the tasks of the run that ended before, by their index in the task list
 * @param remaining the tasks still to run
 * @param originalIndex the task list's index of each task in {@code remaining}
 */
record Resumption(
    Optional<RunResult> whole,
    Map<Integer, TaskRecord> carried,
    Workload remaining,
    int[] originalIndex) {

  /** What is left of {@code workload}'s run {@code key} after {@code resumed}; all without one. */
  static Resumption of(JournalFile resumed, JournalFile.RunKey key, Workload workload) {
    if (resumed == null) {
      return fresh(workload);
    }
    Map<Integer, TaskRecord> carried = new TreeMap<>();
    resumed
        .tasks(key)
        .forEach(
            (index, task) -> {
              if (index >= 0 && index < workload.size()) {
                carried.put(index, task);
              }
            });
    Optional<RunResult> whole = resumed.run(key).filter(run -> carried.size() == workload.size());
    List<JsonNode> inputs = new ArrayList<>();
    int[] originalIndex = new int[workload.size() - carried.size()];
    for (int i = 0; i < workload.size(); i++) {
      if (!carried.containsKey(i)) {
        originalIndex[inputs.size()] = i;
        inputs.add(workload.inputs().get(i));
      }
    }
    return new Resumption(
        whole,
        carried,
        new Workload(workload.unit(), inputs, workload.threads(), workload.source()),
        originalIndex);
  }

  private static Resumption fresh(Workload workload) {
    int[] identity = new int[workload.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    return new Resumption(Optional.empty(), Map.of(), workload, identity);
  }

  /** {@code listener}, told each new task under its index in the whole task list. */
  TaskListener inOriginalIndices(TaskListener listener) {
    return record -> listener.finished(moved(record, originalIndex[record.index()], 0));
  }

  /** The whole run: the carried tasks, then {@code run}'s, the remaining tasks' run. */
  RunResult merged(RunResult run) {
    if (carried.isEmpty()) {
      return run;
    }
    double offset = carriedEnd();
    List<TaskRecord> tasks = new ArrayList<>(carried.values());
    for (TaskRecord task : run.tasks()) {
      tasks.add(moved(task, originalIndex[task.index()], offset));
    }
    tasks.sort(Comparator.comparingInt(TaskRecord::index));
    return new RunResult(
        run.workload(),
        run.strategy(),
        run.workers(),
        run.concurrency(),
        offset + run.wallMillis(),
        run.startupMillis(),
        tasks,
        run.lambda());
  }

  /**
   * The run when every task ended before and only its run's line is missing (the crash came between
   * them): the carried tasks, ending when the last of them did, with as many workers as they had
   * lanes.
   */
  RunResult carriedOnly(StrategyKind kind) {
    int workers =
        (int) Math.max(1, carried.values().stream().map(TaskRecord::lane).distinct().count());
    return new RunResult(
        remaining.unit(),
        kind,
        workers,
        workers,
        carriedEnd(),
        List.of(),
        carried.values().stream().sorted(Comparator.comparingInt(TaskRecord::index)).toList());
  }

  private double carriedEnd() {
    return carried.values().stream().mapToDouble(TaskRecord::endMillis).max().orElse(0);
  }

  private static TaskRecord moved(TaskRecord task, int index, double offset) {
    return new TaskRecord(
        index,
        task.input(),
        task.output(),
        task.error(),
        task.lane(),
        task.startMillis() + offset,
        task.endMillis() + offset,
        task.cpuMillis(),
        task.lambda(),
        task.workerMillis());
  }
}

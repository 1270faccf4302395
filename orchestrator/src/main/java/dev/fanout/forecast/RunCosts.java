package dev.fanout.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy's shape and its costs beyond the tasks' work, read from the report's records of its
 * run: each one a fact of the run that is not its wall time (when its first task started, what its
 * worker JVMs timed), or measured in the sequential run.
 */
final class RunCosts {
  private RunCosts() {}

  /**
   * Lanes and how many of them compute at once, from the run's workers (threads, worker JVMs, the
   * loop) and concurrency (tasks in flight). A virtual thread computes on a carrier, one per core,
   * until it blocks: tasks that only compute hold their carrier to their end, and queue for one.
   */
  static MachineModel.Shape shape(JsonNode run, String kind, int cores) {
    long workers = Math.max(1, run.path("workers").asLong(1));
    long concurrency = Math.max(1, run.path("concurrency").asLong(workers));
    if (run.path("strategy").asText().equals("virtual")) {
      long carriers = Math.min(concurrency, cores);
      return new MachineModel.Shape(kind.equals("CPU") ? carriers : concurrency, carriers);
    }
    return new MachineModel.Shape(concurrency, workers);
  }

  /**
   * The run's costs: its start-up, the sequential run's dispatch per task (the same bookkeeping in
   * every strategy), and for worker JVMs their pipes' round trip and first calls.
   */
  static MachineModel.Costs of(JsonNode run, double dispatchMillis, List<TaskWork> work) {
    return new MachineModel.Costs(
        startupMillis(run), dispatchMillis, handOffMillis(run), firstCallMillis(run, work));
  }

  /** From the run's start to its first task's: making its threads or loop, its first use. */
  static double startupMillis(JsonNode run) {
    double first = Double.POSITIVE_INFINITY;
    for (JsonNode task : run.path("tasks")) {
      first = Math.min(first, task.path("startMillis").asDouble());
    }
    return first == Double.POSITIVE_INFINITY ? 0 : Math.max(0, first);
  }

  /**
   * What each task's end costs before the next can start (its record, the journal's line, the
   * progress bar): the median gap between one task's end and the next one's start in the sequential
   * run, where nothing else stands between them.
   */
  static double dispatchMillis(JsonNode sequential) {
    List<JsonNode> tasks = new ArrayList<>();
    sequential.path("tasks").forEach(tasks::add);
    tasks.sort(Comparator.comparingDouble(task -> task.path("startMillis").asDouble()));
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < tasks.size(); i++) {
      double gap =
          tasks.get(i).path("startMillis").asDouble()
              - tasks.get(i - 1).path("endMillis").asDouble();
      gaps.add(Math.max(0, gap));
    }
    return ProfileReader.median(gaps);
  }

  /**
   * The round trip over a worker JVM's pipe: the median of each task's time less the worker's own
   * time on it (writing the request, the worker reading it and writing the answer, reading that); 0
   * for a run in this JVM, or one from before the workers sent their own time.
   */
  static double handOffMillis(JsonNode run) {
    List<Double> trips = new ArrayList<>();
    for (JsonNode task : run.path("tasks")) {
      if (task.path("workerMillis").isNumber()) {
        trips.add(Math.max(0, duration(task) - task.path("workerMillis").asDouble()));
      }
    }
    return ProfileReader.median(trips);
  }

  /**
   * A fresh worker JVM's first task beyond its work and a warm round trip over the pipe: the worker
   * loading the unit's classes, running code not yet compiled, opening a first connection, and both
   * ends of the pipe doing so for the first time. The mean over the run's workers; 0 for a run in
   * this JVM, or one without the workers' own times.
   */
  static double firstCallMillis(JsonNode run, List<TaskWork> work) {
    Map<String, JsonNode> firstOnLane = new LinkedHashMap<>();
    for (JsonNode task : run.path("tasks")) {
      if (task.path("workerMillis").isNumber()) {
        firstOnLane.merge(
            task.path("lane").asText(),
            task,
            (a, b) -> a.path("startMillis").asDouble() <= b.path("startMillis").asDouble() ? a : b);
      }
    }
    double handOff = handOffMillis(run);
    double sum = 0;
    for (JsonNode first : firstOnLane.values()) {
      int index = first.path("index").asInt(-1);
      double own = index >= 0 && index < work.size() ? work.get(index).millisWith(1) : 0;
      sum += Math.max(0, duration(first) - handOff - own);
    }
    return firstOnLane.isEmpty() ? 0 : sum / firstOnLane.size();
  }

  /**
   * The cores as the run's probes found them, one thread alone and one per core; null for a run
   * from before they were probed.
   */
  static MachineModel.Machine machine(JsonNode run, int cores) {
    JsonNode share = run.path("coreShare");
    if (!share.path("oneThread").isNumber() || !share.path("eachOfAllCores").isNumber()) {
      return null;
    }
    return new MachineModel.Machine(
        cores,
        Math.clamp(share.path("oneThread").asDouble(), 0.01, 1.0),
        Math.clamp(share.path("eachOfAllCores").asDouble(), 0.01, 1.0));
  }

  private static double duration(JsonNode task) {
    return task.path("endMillis").asDouble() - task.path("startMillis").asDouble();
  }
}

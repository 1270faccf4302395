package dev.fanout.measure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened to one task.
 *
 * @param index the task's position in the task list
 * @param output the unit's JSON output, or null when it failed
 * @param error why it failed, or null when it succeeded
 * @param lane where it ran: a thread name, a worker JVM ("pid 1234"), a Lambda instance
 * @param startMillis when it started, in ms since the run started (monotonic clock)
 * @param endMillis when it ended, likewise
 * @param cpuMillis CPU time the task's own code used, or null where it cannot be measured
 * @param lambda what Lambda reported of the invocation, for the lambda strategy; else null
 * @param workerMillis the task's time by the clock of the worker JVM that ran it (the rest of start
 *     to end was the pipe's round trip); null where it ran in this JVM or was not sent
 */
public record TaskRecord(
    int index,
    JsonNode input,
    JsonNode output,
    TaskError error,
    String lane,
    double startMillis,
    double endMillis,
    Double cpuMillis,
    LambdaFacts lambda,
    Double workerMillis) {

  /** A task that ran here, or on Lambda. */
  public TaskRecord(
      int index,
      JsonNode input,
      JsonNode output,
      TaskError error,
      String lane,
      double startMillis,
      double endMillis,
      Double cpuMillis,
      LambdaFacts lambda) {
    this(index, input, output, error, lane, startMillis, endMillis, cpuMillis, lambda, null);
  }

  /** A task that ran in a JVM of the lab's own. */
  public TaskRecord(
      int index,
      JsonNode input,
      JsonNode output,
      TaskError error,
      String lane,
      double startMillis,
      double endMillis,
      Double cpuMillis) {
    this(index, input, output, error, lane, startMillis, endMillis, cpuMillis, null);
  }

  public boolean ok() {
    return error == null;
  }

  public double durationMillis() {
    return endMillis - startMillis;
  }
}

package dev.fanout.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A unit and its task list.
 *
 * @param unit the unit every task runs
 * @param inputs one JSON input per task
 * @param threads the seeds' thread-pool size for this workload
 * @param source what the task list stands for, for the report
 */
public record Workload(String unit, List<JsonNode> inputs, int threads, String source) {
  public Workload {
    inputs = List.copyOf(inputs);
  }

  public String name() {
    return unit;
  }

  public int size() {
    return inputs.size();
  }
}

package dev.fanout.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A unit and its task list.
 *
 * @param unit the unit every task runs
 * @param inputs one JSON input per task
 * @param threads the articles' thread-pool size for this workload
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

  /**
   * At most {@code count} of the tasks, spread evenly over the list (the first, the last and
   * between), so that a sample of a list that grows task by task (fib 1..35) sees its range.
   */
  public Workload sample(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a sample needs at least 1 task, got " + count);
    }
    if (count >= size()) {
      return this;
    }
    List<JsonNode> picked = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(inputs.get(count == 1 ? 0 : (int) Math.round(i * (size() - 1.0) / (count - 1))));
    }
    return new Workload(unit, picked, threads, source);
  }
}

package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.measure.CpuTime;
import dev.fanout.measure.RunClock;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;

/** Runs one task on the calling thread and records it: shared by the blocking strategies. */
final class Tasks {
  private Tasks() {}

  static TaskRecord runHere(Unit<?, ?> unit, int index, JsonNode input, RunClock clock) {
    String lane = laneOf(Thread.currentThread());
    long cpuStart = CpuTime.currentThreadNanos();
    double start = clock.millis();
    JsonNode output = null;
    TaskError error = null;
    try {
      output = unit.call(input, Deadline.none());
    } catch (RuntimeException | StackOverflowError e) {
      error = TaskError.of(e);
    }
    double end = clock.millis();
    Double cpu = CpuTime.millisBetween(cpuStart, CpuTime.currentThreadNanos());
    return new TaskRecord(index, input, output, error, lane, start, end, cpu);
  }

  static String laneOf(Thread thread) {
    return thread.isVirtual() ? "virtual-" + thread.threadId() : thread.getName();
  }
}

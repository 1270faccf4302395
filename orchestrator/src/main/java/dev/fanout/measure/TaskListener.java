package dev.fanout.measure;

/**
 * Told of each task as it finishes, from whatever thread finished it: implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface TaskListener {
  void finished(TaskRecord record);

  /** This listener, then {@code next}, for each task. */
  default TaskListener andThen(TaskListener next) {
    return record -> {
      finished(record);
      next.finished(record);
    };
  }

  static TaskListener none() {
    return record -> {};
  }
}

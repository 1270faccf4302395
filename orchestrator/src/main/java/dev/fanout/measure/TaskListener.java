package dev.fanout.measure;

/**
 * Told of a run's start-up and of each task as it finishes, from whatever thread did it:
 * implementations must be thread-safe.
 */
@FunctionalInterface
public interface TaskListener {
  void finished(TaskRecord record);

  /**
   * Told, before the first task ends, how far the start-up of what the run needs has got: {@code
   * ready} of {@code total} (e.g. worker JVMs), or with {@code total} 0 only that {@code what} is
   * starting. The last call before the tasks is where the run's own clock starts.
   *
   * @param what what is starting, plural when counted: "worker JVMs", "the local Lambda service"
   */
  default void starting(String what, int ready, int total) {}

  /** This listener, then {@code next}, for each task and each step of the start-up. */
  default TaskListener andThen(TaskListener next) {
    TaskListener first = this;
    return new TaskListener() {
      @Override
      public void finished(TaskRecord record) {
        first.finished(record);
        next.finished(record);
      }

      @Override
      public void starting(String what, int ready, int total) {
        first.starting(what, ready, total);
        next.starting(what, ready, total);
      }
    };
  }

  static TaskListener none() {
    return record -> {};
  }
}

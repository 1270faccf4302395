package dev.fanout.strategy;

import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import java.util.ArrayList;
import java.util.List;

/** What a strategy told its listener, in the order it was told, from whichever thread. */
final class ToldListener implements TaskListener {
  private final List<String> told = new ArrayList<>(); // guarded by this

  @Override
  public synchronized void starting(String what, int ready, int total) {
    told.add("starting " + what + " " + ready + "/" + total);
  }

  @Override
  public synchronized void finished(TaskRecord record) {
    told.add("finished");
  }

  synchronized List<String> told() {
    return List.copyOf(told);
  }
}

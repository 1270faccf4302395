package dev.fanout.check;

import dev.fanout.pipeline.Hold;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.QueueTrace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A lunch run's invariants, judged from what it left behind: every order served once or failed with
 * a reason (none lost, none doubled), no bounded queue past its bound, no shared thing (a bowl) in
 * two pairs of hands at once.
 */
public final class PipelineCheck {
  private PipelineCheck() {}

  /** What is wrong with the run, a line each; empty when every invariant holds. */
  public static List<String> violations(MenuRun run) {
    List<String> wrong = new ArrayList<>();
    Map<Integer, Long> times =
        run.outcomes().stream()
            .collect(Collectors.groupingBy(OrderOutcome::order, Collectors.counting()));
    List<Integer> lost = new ArrayList<>();
    for (int order = 1; order <= run.orders(); order++) {
      if (!times.containsKey(order)) {
        lost.add(order);
      }
    }
    if (!lost.isEmpty()) {
      wrong.add(lost.size() + " orders neither served nor failed, e.g. order " + lost.getFirst());
    }
    times.forEach(
        (order, count) -> {
          if (count > 1) {
            wrong.add("order " + order + " finished " + count + " times");
          }
        });
    run.outcomes().stream()
        .filter(outcome -> !outcome.served() && outcome.error() == null)
        .findFirst()
        .ifPresent(outcome -> wrong.add("order " + outcome.order() + " failed with no reason"));
    for (QueueTrace queue : run.queues()) {
      if (queue.capacity() > 0 && queue.maxDepth() > queue.capacity()) {
        wrong.add(
            queue.queue()
                + " held "
                + queue.maxDepth()
                + ", past its bound of "
                + queue.capacity());
      }
    }
    Map<String, List<Hold>> byThing = new HashMap<>();
    run.holds()
        .forEach(hold -> byThing.computeIfAbsent(hold.thing(), t -> new ArrayList<>()).add(hold));
    byThing.forEach(
        (thing, holds) -> {
          holds.sort(Comparator.comparingLong(Hold::fromNanos));
          for (int i = 1; i < holds.size(); i++) {
            if (holds.get(i).fromNanos() < holds.get(i - 1).toNanos()) {
              wrong.add(
                  thing
                      + " held by "
                      + holds.get(i).holder()
                      + " while "
                      + holds.get(i - 1).holder()
                      + " still held it");
              break;
            }
          }
        });
    return wrong;
  }
}

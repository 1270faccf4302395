package dev.fanout.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * What one stage loop did, kept by that loop alone while it works and handed over when it ends: the
 * pieces of work done (each with the lane that did it, as observed), the orders it finished and the
 * shared things it held.
 */
public final class LaneLog {
  private final List<Span> spans = new ArrayList<>();
  private final List<OrderOutcome> finished = new ArrayList<>();
  private final List<Hold> holds = new ArrayList<>();

  public void span(Span span) {
    spans.add(span);
  }

  public void served(int order, long arrival, long done) {
    finished.add(new OrderOutcome(order, arrival, done, null));
  }

  public void failed(int order, long arrival, long done, String error) {
    finished.add(new OrderOutcome(order, arrival, done, error));
  }

  public void held(Hold hold) {
    holds.add(hold);
  }

  public List<Span> spans() {
    return List.copyOf(spans);
  }

  public List<OrderOutcome> finished() {
    return List.copyOf(finished);
  }

  public List<Hold> holds() {
    return List.copyOf(holds);
  }
}

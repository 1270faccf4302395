package dev.fanout.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a lab opened, closed in the reverse order of opening: every one of them, even when one fails
 * to close, then the first failure thrown with the others suppressed.
 */
final class OpenedResources implements AutoCloseable {
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Keeps {@code resource} to close; null is nothing to keep. Returns it. */
  <T extends AutoCloseable> T add(T resource) {
    if (resource != null) {
      opened.push(resource);
    }
    return resource;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        RuntimeException wrapped =
            e instanceof RuntimeException r
                ? r
                : new IllegalStateException("cannot close: " + e, e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

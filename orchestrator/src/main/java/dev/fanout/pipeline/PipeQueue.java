package dev.fanout.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A queue between two stages, for every kind of lane: blocking {@link #take}/{@link #put} for
 * threads, and {@link #takeAsync}/{@link #putAsync} whose waiters are futures for one event loop,
 * which never blocks. Bounded or not; closed when nothing more will come, after which takers drain
 * it and then get nothing.
 *
 * <p>A queue that {@linkplain #holding holds} its slots counts an item from {@code put} until the
 * stage that finished with it calls {@link #release}, not until it is taken: the burger stall's
 * five open orders are five orders taken and not yet served.
 *
 * <p>Every change of its depth is recorded, with the time, in its {@link QueueTrace}.
 */
public final class PipeQueue<T> {
  private final String name;
  private final int capacity;
  private final boolean holding;
  private final LongSupplier nanoTime;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition itemReady = lock.newCondition();
  private final Condition slotFree = lock.newCondition();
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<Optional<T>>> waitingTakers = new ArrayDeque<>();
  private final ArrayDeque<Waiting<T>> waitingPutters = new ArrayDeque<>();
  private final QueueTrace trace;
  private int held;
  private boolean closed;

  private record Waiting<T>(T item, CompletableFuture<Void> done) {}

  private PipeQueue(String name, int capacity, boolean holding, LongSupplier nanoTime) {
    if (capacity < 1) {
      throw new IllegalArgumentException(name + ": capacity must be at least 1, got " + capacity);
    }
    this.name = name;
    this.capacity = capacity;
    this.holding = holding;
    this.nanoTime = nanoTime;
    this.trace = new QueueTrace(name, capacity == Integer.MAX_VALUE ? 0 : capacity);
    trace.record(nanoTime.getAsLong(), 0);
  }

  /** A queue with no bound. */
  public static <T> PipeQueue<T> unbounded(String name, LongSupplier nanoTime) {
    return new PipeQueue<>(name, Integer.MAX_VALUE, false, nanoTime);
  }

  /** A queue of at most {@code capacity} items; a slot frees when an item is taken. */
  public static <T> PipeQueue<T> bounded(String name, int capacity, LongSupplier nanoTime) {
    return new PipeQueue<>(name, capacity, false, nanoTime);
  }

  /** A queue of at most {@code capacity} items; a slot frees only at {@link #release}. */
  public static <T> PipeQueue<T> holding(String name, int capacity, LongSupplier nanoTime) {
    return new PipeQueue<>(name, capacity, true, nanoTime);
  }

  public String name() {
    return name;
  }

  /** Puts {@code item}, waiting while the queue is full. */
  public void put(T item) {
    List<Runnable> after = new ArrayList<>(1);
    lock.lock();
    try {
      while (depth() >= capacity) {
        slotFree.awaitUninterruptibly();
      }
      add(item, after);
    } finally {
      lock.unlock();
    }
    after.forEach(Runnable::run);
  }

  /** Puts {@code item} now or once there is room; the future completes on {@code loop}. */
  public CompletableFuture<Void> putAsync(T item, Executor loop) {
    List<Runnable> after = new ArrayList<>(1);
    CompletableFuture<Void> done = new CompletableFuture<>();
    lock.lock();
    try {
      if (depth() < capacity && waitingPutters.isEmpty()) {
        add(item, after);
        done.complete(null);
      } else {
        waitingPutters.add(new Waiting<>(item, done));
      }
    } finally {
      lock.unlock();
    }
    after.forEach(Runnable::run);
    return done.thenApplyAsync(ignored -> null, loop);
  }

  /** The next item, waiting for one; empty once the queue is closed and drained. */
  public Optional<T> take() {
    return takeOne(true);
  }

  /** The next item if one is waiting, without waiting for one. */
  public Optional<T> poll() {
    return takeOne(false);
  }

  private Optional<T> takeOne(boolean wait) {
    List<Runnable> after = new ArrayList<>(1);
    Optional<T> taken;
    lock.lock();
    try {
      while (wait && items.isEmpty() && !closed) {
        itemReady.awaitUninterruptibly();
      }
      taken = Optional.ofNullable(items.poll());
      if (taken.isPresent()) {
        removed(after);
      }
    } finally {
      lock.unlock();
    }
    after.forEach(Runnable::run);
    return taken;
  }

  /**
   * The next item, now or when one comes; empty once closed and drained. Completes on {@code loop}.
   */
  public CompletableFuture<Optional<T>> takeAsync(Executor loop) {
    List<Runnable> after = new ArrayList<>(1);
    CompletableFuture<Optional<T>> taken = new CompletableFuture<>();
    lock.lock();
    try {
      if (!items.isEmpty()) {
        taken.complete(Optional.of(items.poll()));
        removed(after);
      } else if (closed) {
        taken.complete(Optional.empty());
      } else {
        waitingTakers.add(taken);
      }
    } finally {
      lock.unlock();
    }
    after.forEach(Runnable::run);
    return taken.thenApplyAsync(item -> item, loop);
  }

  /** A holding queue's item is done with: its slot frees. */
  public void release() {
    if (!holding) {
      throw new IllegalStateException(name + " frees a slot when an item is taken, not released");
    }
    List<Runnable> after = new ArrayList<>(1);
    lock.lock();
    try {
      if (held == 0) {
        throw new IllegalStateException(name + ": released more items than were put");
      }
      held--;
      slotFreed(after);
    } finally {
      lock.unlock();
    }
    after.forEach(Runnable::run);
  }

  /** Nothing more will be put: takers drain what is there, then get nothing. */
  public void close() {
    List<CompletableFuture<Optional<T>>> ended;
    lock.lock();
    try {
      closed = true;
      itemReady.signalAll();
      ended = new ArrayList<>(waitingTakers);
      waitingTakers.clear();
    } finally {
      lock.unlock();
    }
    ended.forEach(taker -> taker.complete(Optional.empty()));
  }

  /** The depths it went through, with their times. */
  public QueueTrace trace() {
    lock.lock();
    try {
      return trace.copy();
    } finally {
      lock.unlock();
    }
  }

  /** Items waiting, plus, for a holding queue, items taken and not yet released. */
  private int depth() {
    return holding ? held : items.size();
  }

  // Called with the lock held; what wakes another lane's future runs after the lock is released.

  private void add(T item, List<Runnable> after) {
    if (closed) {
      throw new IllegalStateException(name + " is closed: nothing more may be put");
    }
    if (holding) {
      held++;
    }
    CompletableFuture<Optional<T>> taker = waitingTakers.poll();
    if (taker != null) {
      after.add(() -> taker.complete(Optional.of(item)));
      if (!holding) {
        // Taken at once: the depth went up and down in the same instant.
        trace.record(nanoTime.getAsLong(), depth() + 1);
      }
    } else {
      items.add(item);
      itemReady.signal();
    }
    trace.record(nanoTime.getAsLong(), depth());
  }

  private void removed(List<Runnable> after) {
    if (!holding) {
      slotFreed(after);
    }
  }

  private void slotFreed(List<Runnable> after) {
    slotFree.signal();
    Waiting<T> putter = waitingPutters.poll();
    if (putter != null) {
      add(putter.item(), after);
      after.add(() -> putter.done().complete(null));
    } else {
      trace.record(nanoTime.getAsLong(), depth());
    }
  }
}

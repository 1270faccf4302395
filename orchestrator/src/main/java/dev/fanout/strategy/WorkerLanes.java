package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.TaskError;
import dev.fanout.pipeline.Kitchen;
import dev.fanout.pipeline.Lanes;
import dev.fanout.pipeline.UnitCallFailed;
import dev.fanout.plan.UnitSettings;
import dev.fanout.worker.WorkerProtocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A pipeline's stages in worker JVMs, the article's multiprocessing: each lane's units run in
 * worker JVMs of its own (as many as the lane may run at once), while its loop, and the queues
 * between the stages, stay in the orchestrator and feed the workers over their pipes. The workers
 * are started before the run's clock, as the processes strategy starts its pool, and kept alive as
 * it keeps them: a call past its deadline kills its worker, and a lost worker is replaced.
 */
public final class WorkerLanes implements Lanes {
  /**
   * Round trips per hand-off call in the warm-up: past the JIT's first tier (C1 compiles a method
   * after about 200 calls), for a few tenths of a second.
   */
  static final int HAND_OFF_ROUNDS = 500;

  private final WorkerProtocol.Settings settings;
  private final TaskTimeout taskTimeout;
  private final LongSupplier nanoTime;
  private final Map<String, WorkerKitchen> kitchens = new LinkedHashMap<>();
  private final List<Double> startupMillis = new ArrayList<>();
  private WorkerPool pool;

  /** Lanes whose calls have the unit's own time limit plus a margin before a worker is hung. */
  public WorkerLanes(UnitSettings settings, LongSupplier nanoTime) {
    this(settings, TaskTimeout.of(null), nanoTime);
  }

  public WorkerLanes(UnitSettings settings, TaskTimeout taskTimeout, LongSupplier nanoTime) {
    this.settings = WorkerProtocol.Settings.of(settings);
    this.taskTimeout = taskTimeout;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts the worker JVMs of the lanes to come, all at once, before the run begins; one lost in
   * start-up is replaced.
   *
   * @throws IllegalStateException when not every lane's workers could start
   */
  public void prepare(Map<String, Integer> widths) {
    int count = widths.values().stream().mapToInt(Integer::intValue).sum();
    pool =
        new WorkerPool(
            ProcessesStrategy.workerCommand(),
            settings,
            taskTimeout,
            Replacements.forPool(count),
            nanoTime);
    List<WorkerPool.Worker> started = pool.start(count, () -> {});
    if (started.size() < count) {
      started.forEach(WorkerPool.Worker::close);
      throw new IllegalStateException(
          "only "
              + started.size()
              + " of "
              + count
              + " worker JVMs started: "
              + pool.noWorkerLeft());
    }
    started.forEach(worker -> startupMillis.add(worker.startupMillis()));
    int next = 0;
    for (Map.Entry<String, Integer> lane : widths.entrySet()) {
      kitchens.put(
          lane.getKey(), new WorkerKitchen(pool, started.subList(next, next + lane.getValue())));
      next += lane.getValue();
    }
  }

  /**
   * Runs {@code calls} over and over on every worker, all at once, for about {@code millis} and
   * each at least once, then {@code handOffs} {@value #HAND_OFF_ROUNDS} times each, untimed and
   * uncounted: the workers' JIT compiles the units, and the hand-off around them, before the run,
   * as this JVM's did.
   */
  public void warmUp(
      List<Map.Entry<String, JsonNode>> calls,
      double millis,
      List<Map.Entry<String, JsonNode>> handOffs) {
    try (ExecutorService warmers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (WorkerKitchen kitchen : kitchens.values()) {
        for (WorkerPool.Worker worker : kitchen.workers()) {
          warmers.execute(
              () -> {
                long start = System.nanoTime();
                // Every call at least once, however slow a cold JVM's first calls are: a unit
                // left out (the grill's HTTP client) would be built inside the timed run.
                for (int i = 0;
                    i < calls.size() || (System.nanoTime() - start) / 1e6 < millis;
                    i++) {
                  if (!kitchen.warmUpCall(worker, calls.get(i % calls.size()))) {
                    return;
                  }
                }
                for (int i = 0; i < HAND_OFF_ROUNDS * handOffs.size(); i++) {
                  if (!kitchen.warmUpCall(worker, handOffs.get(i % handOffs.size()))) {
                    return;
                  }
                }
              });
        }
      }
    }
  }

  /** CPU time the workers reported for their calls, all lanes together. */
  public long cpuMillis() {
    return Math.round(kitchens.values().stream().mapToDouble(WorkerKitchen::cpuMillis).sum());
  }

  /** How long each worker JVM took to start (not in the run's wall time), replacements included. */
  public List<Double> startupMillis() {
    List<Double> all = new ArrayList<>(startupMillis);
    kitchens.values().forEach(kitchen -> all.addAll(kitchen.replacementStartups()));
    return List.copyOf(all);
  }

  @Override
  public Kitchen kitchen(String name, int width) {
    WorkerKitchen kitchen = kitchens.get(name);
    if (kitchen == null) {
      throw new IllegalStateException("no worker JVMs were prepared for the lane '" + name + "'");
    }
    return kitchen;
  }

  @Override
  public <T> CompletableFuture<T> start(String name, Callable<T> loop) {
    return Lanes.onThread(Thread.ofPlatform(), name, loop);
  }

  @Override
  public void close() {
    kitchens.values().forEach(WorkerKitchen::close);
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * One lane's worker JVMs: a call takes an idle one, waiting until one is free. A worker lost on a
   * call (hung or dead) fails that call and is replaced; once the run's replacements are spent the
   * lane has fewer, and with none left its calls fail at once.
   */
  private static final class WorkerKitchen implements Kitchen {
    private final WorkerPool pool;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Deque<WorkerPool.Worker> idle;
    private final List<WorkerPool.Worker> live;
    private final List<Double> replacementStartups = new ArrayList<>();
    private final WorkerPool.Worker first;
    private final ThreadLocal<WorkerPool.Worker> lastUsed = new ThreadLocal<>();
    private final ThreadLocal<Long> lastCpu = ThreadLocal.withInitial(() -> -1L);
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final DoubleAdder cpuMillis = new DoubleAdder();

    WorkerKitchen(WorkerPool pool, List<WorkerPool.Worker> workers) {
      this.pool = pool;
      this.idle = new ArrayDeque<>(workers);
      this.live = new ArrayList<>(workers);
      this.first = workers.getFirst();
    }

    /** The worker JVM that ran this thread's last call. */
    @Override
    public String lane() {
      WorkerPool.Worker worker = lastUsed.get();
      return "worker pid " + (worker == null ? first : worker).pid();
    }

    @Override
    public JsonNode call(String unit, JsonNode input) {
      WorkerPool.Worker worker = take();
      lastUsed.set(worker);
      lastCpu.set(-1L);
      WorkerPool.Outcome outcome =
          worker.call(new WorkerProtocol.Request(requests.incrementAndGet(), unit, input));
      switch (outcome) {
        case WorkerPool.Answered(WorkerProtocol.Reply reply) -> {
          give(worker);
          if (reply.cpuMillis() != null) {
            lastCpu.set(Math.round(reply.cpuMillis() * 1e6));
            cpuMillis.add(reply.cpuMillis());
          }
          if (reply.error() != null) {
            throw new UnitCallFailed(reply.error().type(), reply.error().message());
          }
          return reply.output();
        }
        case WorkerPool.Lost(TaskError error) -> {
          replace(worker);
          throw new UnitCallFailed(error.type(), error.message());
        }
      }
    }

    /** The lane's workers now. */
    List<WorkerPool.Worker> workers() {
      lock.lock();
      try {
        return List.copyOf(live);
      } finally {
        lock.unlock();
      }
    }

    /**
     * One untimed call on {@code worker}, idle before the run; false when the worker was lost on it
     * (and replaced, cold: the run's calls warm it).
     */
    boolean warmUpCall(WorkerPool.Worker worker, Map.Entry<String, JsonNode> call) {
      WorkerPool.Outcome outcome =
          worker.call(new WorkerProtocol.Request(-1, call.getKey(), call.getValue()));
      if (outcome instanceof WorkerPool.Lost) {
        lock.lock();
        try {
          idle.remove(worker);
        } finally {
          lock.unlock();
        }
        replace(worker);
        return false;
      }
      return true;
    }

    @Override
    public long lastCallCpuNanos() {
      return lastCpu.get();
    }

    @Override
    public CompletableFuture<JsonNode> callAsync(String unit, JsonNode input, Executor loop) {
      return CompletableFuture.supplyAsync(() -> call(unit, input), callers)
          .thenApplyAsync(output -> output, loop);
    }

    double cpuMillis() {
      return cpuMillis.sum();
    }

    List<Double> replacementStartups() {
      lock.lock();
      try {
        return List.copyOf(replacementStartups);
      } finally {
        lock.unlock();
      }
    }

    /** An idle worker, waiting for one; fails at once when the lane has none left. */
    private WorkerPool.Worker take() {
      lock.lock();
      try {
        while (idle.isEmpty() && !live.isEmpty()) {
          freed.await();
        }
        if (live.isEmpty()) {
          throw new UnitCallFailed("NoWorkerLeft", "not run: " + pool.noWorkerLeft());
        }
        return idle.poll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a worker JVM", e);
      } finally {
        lock.unlock();
      }
    }

    private void give(WorkerPool.Worker worker) {
      lock.lock();
      try {
        idle.add(worker);
        freed.signal();
      } finally {
        lock.unlock();
      }
    }

    /** Puts a new worker in the place of a lost one, or, with none to be had, shrinks the lane. */
    private void replace(WorkerPool.Worker lost) {
      Optional<WorkerPool.Worker> replacement = pool.replace(lost);
      lock.lock();
      try {
        live.remove(lost);
        if (replacement.isPresent()) {
          live.add(replacement.get());
          replacementStartups.add(replacement.get().startupMillis());
          idle.add(replacement.get());
        }
        // Waiters wake to take the new worker, or to fail when none is left.
        freed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void close() {
      callers.close();
      lock.lock();
      try {
        live.forEach(WorkerPool.Worker::close);
        live.clear();
        idle.clear();
      } finally {
        lock.unlock();
      }
    }
  }
}

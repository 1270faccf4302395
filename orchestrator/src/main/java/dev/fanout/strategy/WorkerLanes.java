package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.pipeline.Kitchen;
import dev.fanout.pipeline.Lanes;
import dev.fanout.pipeline.UnitCallFailed;
import dev.fanout.plan.UnitSettings;
import dev.fanout.worker.WorkerProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.LongSupplier;

/**
 * A pipeline's stages in worker JVMs, the article's multiprocessing: each lane's units run in
 * worker JVMs of its own (as many as the lane may run at once), while its loop, and the queues
 * between the stages, stay in the orchestrator and feed the workers over their pipes. The workers
 * are started before the run's clock, as the processes strategy starts its pool.
 */
public final class WorkerLanes implements Lanes {
  /**
   * Round trips per hand-off call in the warm-up: past the JIT's first tier (C1 compiles a method
   * after about 200 calls), for a few tenths of a second.
   */
  static final int HAND_OFF_ROUNDS = 500;

  private final WorkerProtocol.Settings settings;
  private final LongSupplier nanoTime;
  private final List<String> command = ProcessesStrategy.workerCommand();
  private final Map<String, WorkerKitchen> kitchens = new LinkedHashMap<>();
  private final List<Double> startupMillis = new ArrayList<>();

  public WorkerLanes(UnitSettings settings, LongSupplier nanoTime) {
    this.settings = WorkerProtocol.Settings.of(settings);
    this.nanoTime = nanoTime;
  }

  /** Starts the worker JVMs of the lanes to come, all at once, before the run begins. */
  public void prepare(Map<String, Integer> widths) {
    int count = widths.values().stream().mapToInt(Integer::intValue).sum();
    List<WorkerProcess> pool =
        WorkerProcess.startPool(command, settings, count, nanoTime, () -> {});
    pool.forEach(worker -> startupMillis.add(worker.startupMillis()));
    int next = 0;
    for (Map.Entry<String, Integer> lane : widths.entrySet()) {
      kitchens.put(lane.getKey(), new WorkerKitchen(pool.subList(next, next + lane.getValue())));
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
        for (WorkerProcess worker : kitchen.workers) {
          warmers.execute(
              () -> {
                try {
                  long start = System.nanoTime();
                  // Every call at least once, however slow a cold JVM's first calls are: a unit
                  // left out (the grill's HTTP client) would be built inside the timed run.
                  for (int i = 0;
                      i < calls.size() || (System.nanoTime() - start) / 1e6 < millis;
                      i++) {
                    warmUpCall(worker, calls.get(i % calls.size()));
                  }
                  for (int i = 0; i < HAND_OFF_ROUNDS * handOffs.size(); i++) {
                    warmUpCall(worker, handOffs.get(i % handOffs.size()));
                  }
                } catch (IOException e) {
                  // A dead worker fails the run's first call to it, with its reason.
                }
              });
        }
      }
    }
  }

  private static void warmUpCall(WorkerProcess worker, Map.Entry<String, JsonNode> call)
      throws IOException {
    worker.call(new WorkerProtocol.Request(-1, call.getKey(), call.getValue()));
  }

  /** CPU time the workers reported for their calls, all lanes together. */
  public long cpuMillis() {
    return Math.round(kitchens.values().stream().mapToDouble(WorkerKitchen::cpuMillis).sum());
  }

  /** How long each worker JVM took to start (not in the run's wall time). */
  public List<Double> startupMillis() {
    return List.copyOf(startupMillis);
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
  }

  /** One lane's worker JVMs: a call takes an idle one, blocking until one is free. */
  private static final class WorkerKitchen implements Kitchen {
    private final List<WorkerProcess> workers;
    private final LinkedBlockingQueue<WorkerProcess> idle;
    private final ThreadLocal<WorkerProcess> lastUsed = new ThreadLocal<>();
    private final ThreadLocal<Long> lastCpu = ThreadLocal.withInitial(() -> -1L);
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final DoubleAdder cpuMillis = new DoubleAdder();

    WorkerKitchen(List<WorkerProcess> workers) {
      this.workers = List.copyOf(workers);
      this.idle = new LinkedBlockingQueue<>(workers);
    }

    /** The worker JVM that ran this thread's last call. */
    @Override
    public String lane() {
      WorkerProcess worker = lastUsed.get();
      return "worker pid " + (worker == null ? workers.getFirst() : worker).pid();
    }

    @Override
    public JsonNode call(String unit, JsonNode input) {
      WorkerProcess worker;
      try {
        worker = idle.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a worker JVM", e);
      }
      try {
        lastUsed.set(worker);
        WorkerProtocol.Reply reply =
            worker.call(new WorkerProtocol.Request(requests.incrementAndGet(), unit, input));
        lastCpu.set(reply.cpuMillis() == null ? -1 : Math.round(reply.cpuMillis() * 1e6));
        if (reply.cpuMillis() != null) {
          cpuMillis.add(reply.cpuMillis());
        }
        if (reply.error() != null) {
          throw new UnitCallFailed(reply.error().type(), reply.error().message());
        }
        return reply.output();
      } catch (IOException e) {
        throw new UncheckedIOException(worker.exitDescription(), e);
      } finally {
        idle.add(worker);
      }
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

    void close() {
      callers.close();
      workers.forEach(WorkerProcess::close);
    }
  }
}

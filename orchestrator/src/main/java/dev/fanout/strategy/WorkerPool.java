package dev.fanout.strategy;

import dev.fanout.measure.TaskError;
import dev.fanout.strategy.WorkerLife.State;
import dev.fanout.worker.WorkerProtocol;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The worker JVMs of one run, kept alive: started all at once, each start and each task watched
 * against its deadline by a watchdog that kills a worker which misses it, and a worker that hangs
 * or dies replaced as often as the run's {@link Replacements} allow. Each worker's state is a
 * {@link WorkerLife}; this class runs its decisions against processes. Shared by the processes
 * strategy and the lunch's worker lanes.
 */
final class WorkerPool implements AutoCloseable {
  /**
   * How long a worker may take to say it is ready: a JVM starts in a few tenths of a second, but
   * eight at once on a busy 2-core machine took 10 s.
   */
  static final Duration START_LIMIT = Duration.ofMinutes(2);

  /** How often the watchdog looks at the deadlines: a hung worker is killed this late at most. */
  private static final long WATCH_EVERY_MILLIS = 50;

  private final List<String> command;
  private final WorkerProtocol.Settings settings;
  private final TaskTimeout timeout;
  private final Replacements replacements;
  private final LongSupplier nanoTime;
  private final Set<Worker> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog;
  private final AtomicReference<RuntimeException> startFailure = new AtomicReference<>();

  WorkerPool(
      List<String> command,
      WorkerProtocol.Settings settings,
      TaskTimeout timeout,
      Replacements replacements,
      LongSupplier nanoTime) {
    this.command = List.copyOf(command);
    this.settings = settings;
    this.timeout = timeout;
    this.replacements = replacements;
    this.nanoTime = nanoTime;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("worker-watchdog").unstarted(runnable));
    watchdog.scheduleWithFixedDelay(
        this::killOverdue, WATCH_EVERY_MILLIS, WATCH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** What a worker said to a task: its reply, or that it was lost on the way. */
  sealed interface Outcome {}

  /** The worker answered (the unit's output or its error). */
  record Answered(WorkerProtocol.Reply reply) implements Outcome {}

  /** The worker hung or died: its task failed with {@code WorkerHung} or {@code WorkerDied}. */
  record Lost(TaskError error) implements Outcome {}

  /**
   * Starts {@code count} workers at once and waits for them; only the first may write the
   * class-data archive, the others read it. A worker lost in start-up (killed, exited, or not ready
   * within {@link #START_LIMIT}) is replaced. Returns the workers that started: fewer than {@code
   * count} only once the replacements are spent.
   *
   * @param ready told, from the thread that started it, of each worker as it is ready
   * @throws RuntimeException why no worker could start, when none did
   */
  List<Worker> start(int count, Runnable ready) {
    List<Future<Worker>> starting = new ArrayList<>();
    try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        List<String> own = i == 0 ? command : ProcessesStrategy.withoutArchiveCreation(command);
        starting.add(
            starters.submit(
                () -> {
                  Worker worker = startOne(own);
                  ready.run();
                  return worker;
                }));
      }
    }
    List<Worker> started = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<Worker> future : starting) {
      try {
        started.add(future.get());
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new IllegalStateException("interrupted while starting worker JVMs", e);
      }
    }
    if (started.isEmpty() && failure != null) {
      throw failure;
    }
    return started;
  }

  /**
   * A new worker in place of {@code lost}, which hung or died; empty when the run's replacements
   * are spent, or no new worker could start ({@link #noWorkerLeft} says which).
   */
  Optional<Worker> replace(Worker lost) {
    watched.remove(lost);
    if (!replacements.take()) {
      lost.life.retired();
      return Optional.empty();
    }
    lost.life.replaced();
    try {
      return Optional.of(startOne(ProcessesStrategy.withoutArchiveCreation(command)));
    } catch (RuntimeException e) {
      startFailure.compareAndSet(null, e);
      return Optional.empty();
    }
  }

  /** Why a task found no worker to run it: the replacements are spent, or none could start. */
  String noWorkerLeft() {
    RuntimeException failure = startFailure.get();
    if (failure != null && replacements.used() < replacements.limit()) {
      return "no worker JVM could start in place of a lost one: " + failure.getMessage();
    }
    return replacements.spent();
  }

  /** Kills the workers still here (a run that failed): those that finished were closed. */
  @Override
  public void close() {
    watchdog.shutdownNow();
    for (Worker worker : watched) {
      worker.process.kill();
    }
    watched.clear();
  }

  /** The watchdog's round: a start or task past its deadline gets its worker killed, once. */
  private void killOverdue() {
    long now = nanoTime.getAsLong();
    for (Worker worker : watched) {
      if (worker.life.overdue(now)) {
        worker.process.kill();
      }
    }
  }

  /**
   * Spawns a worker and waits until it is ready; one lost in start-up is replaced while the
   * replacements last, else why it was lost is thrown.
   */
  private Worker startOne(List<String> firstCommand) {
    List<String> own = firstCommand;
    while (true) {
      long begin = nanoTime.getAsLong();
      Worker worker =
          new Worker(WorkerProcess.spawn(own), WorkerLife.starting(begin, START_LIMIT.toNanos()));
      watched.add(worker);
      try {
        worker.handshake();
        worker.startupMillis = (nanoTime.getAsLong() - begin) / 1e6;
        return worker;
      } catch (IllegalStateException lostInStartUp) {
        watched.remove(worker);
        if (!replacements.take()) {
          worker.life.retired();
          throw lostInStartUp;
        }
        worker.life.replaced();
        own = ProcessesStrategy.withoutArchiveCreation(command);
      }
    }
  }

  /** One worker JVM of the pool, as its one user at a time sees it. */
  final class Worker {
    private final WorkerProcess process;
    private final WorkerLife life;
    private double startupMillis;

    private Worker(WorkerProcess process, WorkerLife life) {
      this.process = process;
      this.life = life;
    }

    long pid() {
      return process.pid();
    }

    /**
     * Hands it its settings and waits until it says it is ready.
     *
     * @throws IllegalStateException why it was lost in start-up (it is killed)
     */
    private void handshake() {
      String why = null;
      try {
        process.handshake(settings);
        if (life.ready()) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        why = e.getMessage();
      }
      boolean hung = life.died() == State.HUNG;
      process.kill();
      throw new IllegalStateException(
          hung
              ? "a worker JVM (pid "
                  + pid()
                  + ") did not say it was ready within "
                  + START_LIMIT.toSeconds()
                  + " s and was killed"
              : "a worker JVM (pid "
                  + pid()
                  + ") did not start: "
                  + why
                  + " (its stderr is above)");
    }

    /** From spawning it to its saying it was ready. */
    double startupMillis() {
      return startupMillis;
    }

    /**
     * Sends one task and waits for its answer, at most until the task's deadline: past it, the
     * watchdog kills the worker and the task is lost as {@code WorkerHung}. A lost worker must be
     * {@linkplain #replace replaced} (or retired) before anything else.
     */
    Outcome call(WorkerProtocol.Request request) {
      life.sent(nanoTime.getAsLong(), timeout.nanos());
      WorkerProtocol.Reply reply;
      try {
        reply = process.call(request);
      } catch (IOException e) {
        return lost(null);
      } catch (RuntimeException e) {
        return lost("it broke the protocol (" + e.getMessage() + ")");
      }
      return life.answered() ? new Answered(reply) : lost(null);
    }

    private Lost lost(String brokeProtocol) {
      if (life.died() == State.HUNG) {
        process.kill();
        return new Lost(
            new TaskError(
                "WorkerHung",
                "worker pid "
                    + pid()
                    + " gave no answer within the task deadline, "
                    + timeout.describe()
                    + ", and was killed"));
      }
      String why =
          brokeProtocol == null
              ? process.exitDescription()
              : "worker pid " + pid() + " " + brokeProtocol;
      process.kill();
      return new Lost(new TaskError("WorkerDied", why));
    }

    /**
     * Stops it after the run: it exits on its own (writing its class-data archive), or is killed.
     */
    void close() {
      watched.remove(this);
      if (life.state() == State.IDLE) {
        life.stopped();
        process.close();
      } else {
        process.kill();
      }
    }
  }
}

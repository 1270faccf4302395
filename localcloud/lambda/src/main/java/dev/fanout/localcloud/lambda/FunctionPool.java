package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The instances of one function and the invocations they run: warm reuse, cold starts up to the
 * function's concurrency, throttling past it, timeouts, and instances that die.
 *
 * <p>All state is guarded by this object's lock, held only to decide: every effect of a decision
 * (writing to a socket, reading a log, starting or killing a process, answering a caller) is
 * collected while holding it and run after releasing it, in order.
 */
final class FunctionPool {
  /** What became of an invocation handed to {@link #admit}. */
  enum Admission {
    /** Given to an instance (warm, or a new one starting). */
    ACCEPTED,
    /** An asynchronous invocation waiting for a free instance. */
    QUEUED,
    /**
     * At the function's concurrency: its reserved concurrency, or the service's per-function cap.
     */
    THROTTLED_FUNCTION,
    /** At the service-wide cap on instances, with no idle instance of another function to stop. */
    THROTTLED_SERVICE,
    /** The service is stopping. */
    CLOSED
  }

  /** How long Lambda lets a function initialise before the invocation's own timeout applies. */
  static final Duration INIT_LIMIT = Duration.ofSeconds(10);

  /** Asynchronous invocations waiting for an instance, at most. */
  static final int MAX_QUEUED_EVENTS = 10_000;

  /** Lambda's largest synchronous response. */
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

  /**
   * How long after a response the log waits for the runtime's next {@code GET /next}, which ends it
   * (the runtime logs an error's stack trace after posting the error). Checked by {@link
   * #maintain}.
   */
  static final Duration FINISH_GRACE = Duration.ofMillis(200);

  private static final System.Logger LOG = System.getLogger(FunctionPool.class.getName());

  private final FunctionConfig function;
  private final int limit;
  private final InstanceLauncher launcher;
  private final ScheduledExecutorService timer;
  private final InstanceBudget budget;
  private final Consumer<String> logListener;
  private final String arn;
  private final LongSupplier nanoTime;

  private final List<Instance> live = new ArrayList<>();
  private final ArrayDeque<Instance> idle = new ArrayDeque<>();
  private final ArrayDeque<Invocation> queued = new ArrayDeque<>();
  private int instancesStarted;
  private boolean closed;

  FunctionPool(
      FunctionConfig function,
      int maxInstances,
      InstanceLauncher launcher,
      ScheduledExecutorService timer,
      InstanceBudget budget,
      Consumer<String> logListener,
      String arn,
      LongSupplier nanoTime) {
    this.function = function;
    this.limit = function.reserved().orElse(maxInstances);
    this.launcher = launcher;
    this.timer = timer;
    this.budget = budget;
    this.logListener = logListener;
    this.arn = arn;
    this.nanoTime = nanoTime;
  }

  FunctionConfig function() {
    return function;
  }

  /** The most invocations this function runs at once. */
  int concurrencyLimit() {
    return limit;
  }

  synchronized int liveInstances() {
    return live.size();
  }

  /** Instances whose runtime has been handed an invocation it has not answered yet. */
  synchronized int runningInvocations() {
    int running = 0;
    for (Instance instance : live) {
      if (instance.current != null && instance.current.delivered()) {
        running++;
      }
    }
    return running;
  }

  /**
   * Gives {@code invocation} to an idle instance, or to a new one while below the function's
   * concurrency; past it a synchronous invocation is throttled at once and an asynchronous one
   * waits in the queue.
   */
  Admission admit(Invocation invocation) {
    boolean evicted = false;
    while (true) {
      List<Runnable> after = new ArrayList<>(2);
      Admission admission;
      synchronized (this) {
        if (closed) {
          return Admission.CLOSED;
        }
        admission = placeLocked(invocation, after);
        boolean mayEvict = admission == Admission.THROTTLED_SERVICE && !evicted;
        if (admission != Admission.ACCEPTED && invocation.event && !mayEvict) {
          admission = queueLocked(invocation, admission);
        }
      }
      run(after);
      if (admission != Admission.THROTTLED_SERVICE || evicted) {
        return admission;
      }
      evicted = true;
      if (!budget.evictIdle(this) && invocation.event) {
        synchronized (this) {
          return queueLocked(invocation, admission);
        }
      }
    }
  }

  // ---- Runtime API events, on the HTTP loop's thread ----

  /** The runtime asks for its next event. */
  void onNext(Instance instance, HttpLoop.Exchange exchange) {
    List<Runnable> after = new ArrayList<>(3);
    synchronized (this) {
      if (instance.gone) {
        return; // being stopped: leave the request unanswered
      }
      long now = nanoTime.getAsLong();
      if (!instance.ready) {
        instance.ready = true;
        instance.initMillis = (now - instance.startNanos) / 1e6;
        if (instance.initTimer != null) {
          instance.initTimer.cancel(false);
        }
      }
      Invocation answered = instance.finishing;
      if (answered != null) {
        instance.finishing = null;
        claimFinishLocked(instance, answered, "", after);
      }
      Invocation current = instance.current;
      if (current != null && current.delivered()) {
        // The runtime asks for more without answering: Lambda fails the invocation.
        failLocked(
            instance,
            current,
            ErrorBodies.functionError(
                "Runtime.InvalidResponse",
                "RequestId: "
                    + current.requestId
                    + " Error: the runtime asked for the next event without answering this one"),
            "error",
            "",
            after);
        instance.current = null;
        current = null;
      }
      if (current == null) {
        current = queued.poll();
        if (current != null) {
          current.instance = instance;
          instance.current = current;
        }
      }
      if (current != null) {
        deliverLocked(instance, current, exchange, after);
      } else {
        instance.pendingNext = exchange;
        makeIdleLocked(instance, now);
      }
    }
    run(after);
  }

  /** The runtime's {@code GET /next} connection closed before an event came. */
  void onNextAbandoned(Instance instance, HttpLoop.Exchange exchange) {
    synchronized (this) {
      if (instance.pendingNext == exchange) {
        instance.pendingNext = null;
      }
    }
  }

  /**
   * A connection of the runtime closed. A reset of the one that carried the running invocation's
   * event means the runtime never read it: the invocation has not run.
   */
  void onRuntimeDisconnected(Instance instance, Object connection, boolean reset) {
    synchronized (this) {
      Invocation current = instance.current;
      if (reset
          && current != null
          && current.delivered()
          && !current.answered
          && current.eventConnection == connection) {
        current.eventUnread = true;
      }
    }
  }

  /** The runtime posts an invocation's response ({@code error} false) or error. */
  void onResult(
      Instance instance,
      String requestId,
      byte[] body,
      boolean error,
      String errorTypeHeader,
      HttpLoop.Exchange exchange) {
    List<Runnable> after = new ArrayList<>(4);
    synchronized (this) {
      Invocation invocation = instance.current;
      if (instance.gone
          || invocation == null
          || !invocation.delivered()
          || !invocation.requestId.equals(requestId)) {
        after.add(
            () ->
                exchange.respond(
                    HttpResponse.json(
                        400,
                        "{\"errorMessage\":\"Invalid request ID: "
                            + requestId.replace("\"", "")
                            + "\",\"errorType\":\"InvalidRequestID\"}")));
      } else {
        after.add(() -> exchange.respond(HttpResponse.json(202, "{\"status\":\"OK\"}")));
        byte[] payload = body;
        boolean functionError = error;
        if (error) {
          payload = ErrorBodies.isJson(body) ? body : runtimeErrorBody(errorTypeHeader, body);
        } else if (body.length > MAX_RESPONSE_BYTES) {
          functionError = true;
          payload =
              ErrorBodies.functionError(
                  "Function.ResponseSizeTooLarge",
                  "Response payload size ("
                      + body.length
                      + " bytes) exceeded maximum allowed payload size ("
                      + MAX_RESPONSE_BYTES
                      + " bytes).");
        }
        long now = nanoTime.getAsLong();
        endLocked(invocation, now);
        invocation.result = new InvocationResult(invocation.requestId, payload, functionError, "");
        instance.current = null;
        instance.finishing = invocation;
        if (!invocation.wantsLog) {
          answerLocked(invocation, invocation.result, after);
        }
        // The instance is free again: it takes a queued event, or waits as idle.
        Invocation next = queued.poll();
        if (next != null) {
          next.instance = instance;
          instance.current = next;
        } else {
          makeIdleLocked(instance, now);
        }
      }
    }
    run(after);
  }

  /** The runtime reports that its initialisation failed (it exits next). */
  void onInitError(Instance instance, byte[] body, HttpLoop.Exchange exchange) {
    synchronized (this) {
      instance.initError =
          ErrorBodies.isJson(body) ? body : runtimeErrorBody("Runtime.Unknown", body);
    }
    exchange.respond(HttpResponse.json(202, "{\"status\":\"OK\"}"));
  }

  // ---- Instance lifecycle ----

  /** The launcher started the instance's process. */
  void onLaunched(Instance instance) {
    boolean stop;
    synchronized (this) {
      stop = instance.gone;
      if (!stop && !instance.ready) {
        long limitMillis = INIT_LIMIT.plus(function.timeout()).toMillis();
        instance.initTimer =
            timer.schedule(() -> onInitTimeout(instance), limitMillis, TimeUnit.MILLISECONDS);
      }
    }
    if (stop) {
      instance.kill();
    }
  }

  /** The launcher could not start the instance. */
  void onLaunchFailed(Instance instance, RuntimeException failure) {
    List<Runnable> after = new ArrayList<>(3);
    synchronized (this) {
      leaveLocked(instance);
      Invocation current = instance.current;
      instance.current = null;
      if (current != null) {
        failLocked(
            instance,
            current,
            ErrorBodies.functionError(
                "Runtime.Unknown",
                "RequestId: "
                    + current.requestId
                    + " Error: cannot start an instance of "
                    + function.name()
                    + ": "
                    + failure.getMessage()),
            "error",
            "",
            after);
      }
      dispatchQueuedLocked(after);
    }
    run(after);
    launcher.release(instance);
  }

  /** The instance's process ended, for whatever reason. */
  void onExit(Instance instance, int exitCode) {
    List<Runnable> after = new ArrayList<>(3);
    synchronized (this) {
      leaveLocked(instance);
      Invocation answered = instance.finishing;
      if (answered != null) {
        instance.finishing = null;
        claimFinishLocked(instance, answered, "", after);
      }
      Invocation current = instance.current;
      instance.current = null;
      if (current != null && !current.answered) {
        boolean neverRan = !current.delivered() || current.eventUnread;
        if (neverRan
            && instance.ready
            && instance.initError == null
            && !closed
            && !current.requeued) {
          // The event never reached the runtime (it died waiting for it): run it elsewhere.
          current.requeued = true;
          current.deliveredNanos = 0;
          if (current.timeout != null) {
            current.timeout.cancel(false);
            current.timeout = null;
          }
          current.instance = null;
          Admission admission = placeLocked(current, after);
          if (admission != Admission.ACCEPTED) {
            failLocked(instance, current, exitError(current, exitCode), "error", "", after);
          }
        } else if (instance.initError != null) {
          failLocked(instance, current, instance.initError, "error", "", after);
        } else {
          failLocked(instance, current, exitError(current, exitCode), "error", "", after);
        }
      }
      dispatchQueuedLocked(after);
    }
    run(after);
    launcher.release(instance);
  }

  private void onTimeout(Instance instance, Invocation invocation) {
    List<Runnable> after = new ArrayList<>(3);
    synchronized (this) {
      if (instance.current != invocation || invocation.answered || instance.gone) {
        return;
      }
      leaveLocked(instance);
      instance.current = null;
      // The log is read (and the caller answered) before the kill: once the process is reaped,
      // its log file goes, and its memory figures with it.
      failLocked(
          instance,
          invocation,
          timeoutError(invocation),
          "timeout",
          LambdaLogLines.timedOut(
              Instant.now(), invocation.requestId, function.timeout().toSeconds()),
          after);
      after.add(instance::kill);
      dispatchQueuedLocked(after);
    }
    run(after);
  }

  private void onInitTimeout(Instance instance) {
    List<Runnable> after = new ArrayList<>(3);
    synchronized (this) {
      if (instance.ready || instance.gone) {
        return;
      }
      leaveLocked(instance);
      Invocation current = instance.current;
      instance.current = null;
      if (current != null) {
        failLocked(
            instance,
            current,
            timeoutError(current),
            "timeout",
            LambdaLogLines.timedOut(
                Instant.now(), current.requestId, function.timeout().toSeconds()),
            after);
      }
      after.add(instance::kill);
      dispatchQueuedLocked(after);
    }
    run(after);
  }

  // ---- Maintenance ----

  /**
   * Stops instances idle for {@code idleTimeout}; finishes the log of an answered invocation whose
   * runtime has not asked for more within a grace period; starts queued events where there is room.
   */
  void maintain(Duration idleTimeout) {
    List<Runnable> after = new ArrayList<>();
    synchronized (this) {
      long now = nanoTime.getAsLong();
      for (Instance instance : live) {
        Invocation answered = instance.finishing;
        if (answered != null && now - answered.endNanos >= FINISH_GRACE.toNanos()) {
          instance.finishing = null;
          claimFinishLocked(instance, answered, "", after);
        }
      }
      for (Instance instance : new ArrayList<>(idle)) {
        if (instance.current == null
            && instance.finishing == null
            && now - instance.idleSinceNanos >= idleTimeout.toNanos()) {
          leaveLocked(instance);
          after.add(instance::kill);
        }
      }
      dispatchQueuedLocked(after);
    }
    run(after);
  }

  /** When the longest-idle instance became idle, or Long.MAX_VALUE without one. */
  synchronized long oldestIdleSince() {
    long oldest = Long.MAX_VALUE;
    for (Instance instance : idle) {
      if (instance.current == null && instance.finishing == null) {
        oldest = Math.min(oldest, instance.idleSinceNanos);
      }
    }
    return oldest;
  }

  /** Stops the longest-idle instance to make room for another function; true if there was one. */
  boolean evictOldestIdle() {
    Instance victim = null;
    synchronized (this) {
      for (Instance instance : idle) {
        if (instance.current == null
            && instance.finishing == null
            && (victim == null || instance.idleSinceNanos < victim.idleSinceNanos)) {
          victim = instance;
        }
      }
      if (victim != null) {
        leaveLocked(victim);
      }
    }
    if (victim != null) {
      victim.kill();
      return true;
    }
    return false;
  }

  /** Stops every instance; invocations in flight are answered with an error. */
  List<Instance> close() {
    List<Runnable> after = new ArrayList<>();
    List<Instance> stopped;
    synchronized (this) {
      closed = true;
      stopped = new ArrayList<>(live);
      for (Instance instance : stopped) {
        leaveLocked(instance);
        Invocation current = instance.current;
        instance.current = null;
        if (current != null) {
          failLocked(
              instance,
              current,
              ErrorBodies.functionError(
                  "Runtime.ExitError",
                  "RequestId: "
                      + current.requestId
                      + " Error: Runtime exited with error: the local Lambda service stopped"),
              "error",
              "",
              after);
        }
        after.add(instance::kill);
      }
      queued.clear();
    }
    run(after);
    return stopped;
  }

  // ---- Decisions, under the lock ----

  private Admission placeLocked(Invocation invocation, List<Runnable> after) {
    Instance warm = takeIdleLocked();
    if (warm != null) {
      assignLocked(warm, invocation, after);
      return Admission.ACCEPTED;
    }
    if (live.size() >= limit) {
      return Admission.THROTTLED_FUNCTION;
    }
    if (!budget.tryAcquire()) {
      return Admission.THROTTLED_SERVICE;
    }
    Instance fresh = new Instance(++instancesStarted, function.name());
    live.add(fresh);
    assignLocked(fresh, invocation, after);
    after.add(() -> launcher.launch(fresh, this));
    return Admission.ACCEPTED;
  }

  private Admission queueLocked(Invocation invocation, Admission otherwise) {
    if (queued.size() >= MAX_QUEUED_EVENTS) {
      return otherwise;
    }
    queued.add(invocation);
    return Admission.QUEUED;
  }

  private void dispatchQueuedLocked(List<Runnable> after) {
    while (!closed && !queued.isEmpty()) {
      Invocation next = queued.peek();
      if (placeLocked(next, after) != Admission.ACCEPTED) {
        return;
      }
      queued.poll();
    }
  }

  /** The most recently idle instance that may still be alive, or null. */
  private Instance takeIdleLocked() {
    while (!idle.isEmpty()) {
      Instance instance = idle.pop();
      instance.inIdle = false;
      if (!instance.gone && instance.current == null && instance.mayBeAlive()) {
        return instance;
      }
    }
    return null;
  }

  private void makeIdleLocked(Instance instance, long now) {
    instance.idleSinceNanos = now;
    if (!instance.inIdle) {
      instance.inIdle = true;
      idle.push(instance);
    }
  }

  private void assignLocked(Instance instance, Invocation invocation, List<Runnable> after) {
    instance.current = invocation;
    invocation.instance = instance;
    HttpLoop.Exchange next = instance.pendingNext;
    if (next != null) {
      instance.pendingNext = null;
      deliverLocked(instance, invocation, next, after);
    }
  }

  private void deliverLocked(
      Instance instance, Invocation invocation, HttpLoop.Exchange next, List<Runnable> after) {
    invocation.deliveredNanos = nanoTime.getAsLong();
    invocation.eventConnection = next.connection();
    invocation.eventUnread = false;
    invocation.cold = !instance.servedAny;
    invocation.initMillis = invocation.cold ? instance.initMillis : Double.NaN;
    instance.servedAny = true;
    long timeoutMillis = function.timeout().toMillis();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    invocation.timeout =
        timer.schedule(() -> onTimeout(instance, invocation), timeoutMillis, TimeUnit.MILLISECONDS);
    HttpResponse event = event(invocation, deadline);
    after.add(
        () -> {
          if (invocation.cold) {
            invocation.initOutput = instance.log.readNew();
          }
          next.respondUnlessClosed(event, () -> onDeliveryFailed(instance, invocation));
        });
  }

  /**
   * The event could not be handed over: the runtime's connection had closed (its process is dying).
   * The invocation goes back to waiting on this instance, undelivered, so that the instance's exit
   * sends it elsewhere (or a new {@code GET /next}, if the runtime reconnects, takes it).
   */
  private void onDeliveryFailed(Instance instance, Invocation invocation) {
    List<Runnable> after = new ArrayList<>(2);
    synchronized (this) {
      if (instance.current != invocation || invocation.answered) {
        return;
      }
      invocation.deliveredNanos = 0;
      if (invocation.timeout != null) {
        invocation.timeout.cancel(false);
        invocation.timeout = null;
      }
      if (instance.gone) {
        // Its exit was already handled: place the invocation now.
        instance.current = null;
        invocation.instance = null;
        if (placeLocked(invocation, after) != Admission.ACCEPTED) {
          failLocked(instance, invocation, exitError(invocation, 128 + 9), "error", "", after);
        }
      }
    }
    run(after);
  }

  private HttpResponse event(Invocation invocation, long deadlineMillis) {
    HttpResponse event =
        HttpResponse.of(200, invocation.payload)
            .withHeader("Content-Type", "application/json")
            .withHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
            .withHeader("Lambda-Runtime-Deadline-Ms", Long.toString(deadlineMillis))
            .withHeader(
                "Lambda-Runtime-Invoked-Function-Arn",
                invocation.qualifier == null ? arn : arn + ":" + invocation.qualifier)
            .withHeader("Lambda-Runtime-Trace-Id", traceId());
    return invocation.clientContext == null
        ? event
        : event.withHeader("Lambda-Runtime-Client-Context", invocation.clientContext);
  }

  private static String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%08x%016x;Sampled=0",
        System.currentTimeMillis() / 1000, random.nextInt(), random.nextLong());
  }

  private void endLocked(Invocation invocation, long now) {
    invocation.endNanos = now;
    if (invocation.timeout != null) {
      invocation.timeout.cancel(false);
    }
  }

  /** Ends {@code invocation} with a function error: answered now, its log finished now. */
  private void failLocked(
      Instance instance,
      Invocation invocation,
      byte[] error,
      String status,
      String extraLine,
      List<Runnable> after) {
    endLocked(invocation, nanoTime.getAsLong());
    invocation.result = new InvocationResult(invocation.requestId, error, true, "");
    invocation.reportStatus = status;
    if (!invocation.wantsLog) {
      answerLocked(invocation, invocation.result, after);
    }
    claimFinishLocked(instance, invocation, extraLine, after);
  }

  private void answerLocked(Invocation invocation, InvocationResult result, List<Runnable> after) {
    if (!invocation.answered) {
      invocation.answered = true;
      after.add(() -> invocation.complete(result));
    }
  }

  /** Completes the log of {@code invocation} (once), then answers it if it waited for the log. */
  private void claimFinishLocked(
      Instance instance, Invocation invocation, String extraLine, List<Runnable> after) {
    if (invocation.finishClaimed) {
      return;
    }
    invocation.finishClaimed = true;
    boolean answer = !invocation.answered;
    invocation.answered = true;
    after.add(() -> finish(instance, invocation, extraLine, answer));
  }

  /** Writes the invocation's log (output, END, REPORT) and answers the caller if still waiting. */
  private void finish(Instance instance, Invocation invocation, String extraLine, boolean answer) {
    InstanceLog log = instance.log;
    String output = log == null ? "" : log.readNew();
    instance.refreshPeakMemory(invocation.cold, nanoTime.getAsLong());
    long end = invocation.endNanos == 0 ? nanoTime.getAsLong() : invocation.endNanos;
    // Never handed to a runtime (its instance failed to start): the time it waited.
    double duration =
        (end - (invocation.delivered() ? invocation.deliveredNanos : invocation.receivedNanos))
            / 1e6;
    double init = invocation.cold ? invocation.initMillis : Double.NaN;
    if (!invocation.delivered() && !instance.ready) {
      init = instance.startNanos == 0 ? Double.NaN : (end - instance.startNanos) / 1e6;
    }
    String text =
        invocation.initOutput
            + LambdaLogLines.start(invocation.requestId)
            + output
            + extraLine
            + LambdaLogLines.end(invocation.requestId)
            + LambdaLogLines.report(
                invocation.requestId,
                duration,
                function.memoryMb(),
                instance.peakMb(),
                init,
                invocation.reportStatus);
    try {
      logListener.accept(text);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the log listener failed", e);
    }
    if (answer) {
      InvocationResult result = invocation.result;
      invocation.complete(
          new InvocationResult(result.requestId(), result.payload(), result.functionError(), text));
    }
  }

  /** Takes the instance out of the pool and frees its slot (once). */
  private void leaveLocked(Instance instance) {
    if (instance.gone) {
      return;
    }
    instance.gone = true;
    live.remove(instance);
    if (instance.inIdle) {
      idle.remove(instance);
      instance.inIdle = false;
    }
    instance.pendingNext = null;
    if (instance.initTimer != null) {
      instance.initTimer.cancel(false);
    }
    budget.release();
  }

  private byte[] timeoutError(Invocation invocation) {
    return ErrorBodies.functionError(
        "Sandbox.Timedout",
        "RequestId: "
            + invocation.requestId
            + " Error: Task timed out after "
            + function.timeout().toSeconds()
            + ".00 seconds");
  }

  /** AWS's words for a runtime that exited: by signal (Java reports 128 + n) or by status. */
  static byte[] exitError(Invocation invocation, int exitCode) {
    return ErrorBodies.functionError(
        "Runtime.ExitError",
        "RequestId: "
            + invocation.requestId
            + " Error: Runtime exited with error: "
            + exitDescription(exitCode));
  }

  static String exitDescription(int exitCode) {
    return switch (exitCode) {
      case 128 + 9 -> "signal: killed";
      case 128 + 15 -> "signal: terminated";
      case 128 + 6 -> "signal: aborted";
      case 128 + 11 -> "signal: segmentation fault";
      default -> "exit status " + exitCode;
    };
  }

  private static byte[] runtimeErrorBody(String errorType, byte[] body) {
    return ErrorBodies.functionError(
        errorType == null || errorType.isBlank() ? "Runtime.Unknown" : errorType,
        new String(body, StandardCharsets.UTF_8));
  }

  private static void run(List<Runnable> actions) {
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "the local Lambda service failed to carry out a decision", e);
      }
    }
  }

  @Override
  public String toString() {
    return "FunctionPool[" + function.name() + ", limit " + limit + "]";
  }
}

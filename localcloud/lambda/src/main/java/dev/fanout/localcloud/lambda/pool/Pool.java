package dev.fanout.localcloud.lambda.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The local Lambda service's decisions: which instance runs an invocation, when one starts, is
 * reused, throttled, timed out, reclaimed or stopped, and what every caller and runtime is told.
 *
 * <p>It does no I/O, reads no clock and starts no thread: {@link #decide} takes an event and the
 * time it happened, changes the pool's state and returns the effects to carry out, in order. The
 * service's shell runs it under one lock and carries out the effects after releasing it; tests run
 * it with a made-up clock and no process.
 */
public final class Pool {
  private final PoolState pool;
  private final Endings endings;
  private final Placement placement;

  public Pool(List<PoolFunction> functions, PoolLimits limits) {
    this.pool = new PoolState(functions, limits);
    this.endings = new Endings(pool);
    this.placement = new Placement(pool, endings);
  }

  /**
   * Applies {@code event}, which happened at {@code nanoTime}, and returns what is to be done.
   *
   * @throws IllegalArgumentException for an invocation of a function the pool does not run
   */
  public List<PoolEffect> decide(PoolEvent event, long nanoTime) {
    pool.now = nanoTime;
    pool.effects = new ArrayList<>();
    switch (event) {
      case PoolEvent.Invoke invoke -> invoke(invoke);
      case PoolEvent.NextRequested next -> nextRequested(next);
      case PoolEvent.NextAbandoned abandoned -> nextAbandoned(abandoned);
      case PoolEvent.RuntimeDisconnected disconnected -> runtimeDisconnected(disconnected);
      case PoolEvent.ResultPosted result -> resultPosted(result);
      case PoolEvent.InitErrorPosted initError -> initErrorPosted(initError);
      case PoolEvent.Launched launched -> launched(launched);
      case PoolEvent.LaunchFailed failed -> launchFailed(failed);
      case PoolEvent.Exited exited -> exited(exited);
      case PoolEvent.DeliveryFailed failed -> deliveryFailed(failed);
      case PoolEvent.Tick tick -> tick();
      case PoolEvent.Shutdown shutdown -> shutdown();
    }
    return pool.effects;
  }

  /** When the next timeout, grace period or idle reclaim falls due, as a nanoTime. */
  public OptionalLong nextDeadline() {
    boolean any = false;
    long earliest = 0;
    for (Instance instance : pool.instances.values()) {
      long due = instance.nextDeadline(pool.limits.idleTimeout());
      if (instance.live() && due != Instance.NO_DEADLINE && (!any || due - earliest < 0)) {
        earliest = due;
        any = true;
      }
    }
    return any ? OptionalLong.of(earliest) : OptionalLong.empty();
  }

  /** Instances of {@code function} that are starting, idle or busy. */
  public int liveInstances(String function) {
    return pool.slots(function).live;
  }

  /** Invocations of {@code function} handed to a runtime and not answered yet. */
  public int runningInvocations(String function) {
    int running = 0;
    for (Instance instance : pool.instances.values()) {
      if (instance.function.name().equals(function)
          && instance.current != null
          && instance.current.state == InvocationState.DELIVERED) {
        running++;
      }
    }
    return running;
  }

  /** Asynchronous invocations of {@code function} waiting for an instance. */
  public int queuedEvents(String function) {
    return pool.slots(function).queued.size();
  }

  /** Where an instance is; empty once its process has exited and been released. */
  public Optional<InstanceState> state(InstanceId instance) {
    return Optional.ofNullable(pool.instances.get(instance)).map(i -> i.state);
  }

  /** Where an invocation is; empty once it is logged, or if it was refused. */
  public Optional<InvocationState> state(String requestId) {
    return Optional.ofNullable(pool.invocations.get(requestId)).map(i -> i.state);
  }

  // ---- Callers ----

  private void invoke(PoolEvent.Invoke event) {
    FunctionSlots function = pool.slots(event.function());
    Invocation invocation =
        new Invocation(event.requestId(), function, event.event(), event.wantsLog(), pool.now);
    if (pool.shuttingDown) {
      pool.emit(new PoolEffect.Refuse(invocation.requestId, Refusal.SHUTTING_DOWN));
      return;
    }
    pool.invocations.put(invocation.requestId, invocation);
    Refusal refusal = placement.place(invocation);
    if (refusal != null && !(invocation.event && placement.enqueue(invocation))) {
      pool.invocations.remove(invocation.requestId);
      pool.emit(new PoolEffect.Refuse(invocation.requestId, refusal));
    } else if (invocation.event) {
      pool.emit(new PoolEffect.Accept(invocation.requestId));
    }
  }

  // ---- Runtimes ----

  private void nextRequested(PoolEvent.NextRequested event) {
    Instance instance = pool.instances.get(event.instance());
    if (instance == null || !instance.live()) {
      return; // being stopped: the request stays unanswered
    }
    if (!instance.ready()) {
      instance.initMillis = PoolState.millis(pool.now - instance.startedAt);
    }
    instance.lost = false;
    endings.closeLog(instance);
    Invocation current = instance.current;
    if (current != null && current.state == InvocationState.DELIVERED) {
      endings.fail(
          current, AwsErrors.askedAgainWithoutAnswering(current.requestId), "error", false);
    }
    instance.pendingNext = event.request();
    instance.pendingNextConnection = event.connection();
    if (instance.current == null) {
      placement.takeNextOrIdle(instance);
    } else {
      instance.state = InstanceState.BUSY;
      placement.deliver(instance, instance.current);
    }
  }

  private void nextAbandoned(PoolEvent.NextAbandoned event) {
    Instance instance = pool.instances.get(event.instance());
    if (instance != null && instance.pendingNext == event.request()) {
      instance.pendingNext = null;
      instance.pendingNextConnection = null;
      if (instance.state == InstanceState.IDLE) {
        // A runtime never drops its GET /next: its process is going.
        instance.lost = true;
        instance.function.idle.remove(instance);
      }
    }
  }

  private void runtimeDisconnected(PoolEvent.RuntimeDisconnected event) {
    Instance instance = pool.instances.get(event.instance());
    Invocation current = instance == null ? null : instance.current;
    if (event.reset()
        && current != null
        && current.state == InvocationState.DELIVERED
        && current.eventConnection == event.connection()) {
      current.eventUnread = true;
    }
  }

  private void resultPosted(PoolEvent.ResultPosted event) {
    Instance instance = pool.instances.get(event.instance());
    Invocation invocation = instance == null ? null : instance.current;
    boolean running =
        instance != null
            && instance.live()
            && invocation != null
            && invocation.state == InvocationState.DELIVERED
            && invocation.requestId.equals(event.requestId());
    pool.emit(new PoolEffect.Acknowledge(event.request(), event.requestId(), running));
    if (!running) {
      return;
    }
    Outcome outcome = event.outcome();
    if (outcome instanceof Outcome.Succeeded succeeded
        && succeeded.payload().length > PoolLimits.MAX_RESPONSE_BYTES) {
      outcome = AwsErrors.responseTooLarge(succeeded.payload().length);
    }
    endings.answered(instance, invocation, outcome);
    placement.takeNextOrIdle(instance);
  }

  private void initErrorPosted(PoolEvent.InitErrorPosted event) {
    Instance instance = pool.instances.get(event.instance());
    if (instance != null) {
      instance.initError = event.document();
    }
    pool.emit(new PoolEffect.Acknowledge(event.request(), "", true));
  }

  // ---- Processes ----

  private void launched(PoolEvent.Launched event) {
    Instance instance = pool.instances.get(event.instance());
    if (instance != null && !instance.live()) {
      pool.emit(new PoolEffect.Kill(instance.id)); // given up while its process was starting
    }
  }

  private void launchFailed(PoolEvent.LaunchFailed event) {
    Instance instance = pool.instances.get(event.instance());
    if (instance == null) {
      return;
    }
    endings.leave(instance);
    Invocation current = instance.current;
    if (current != null) {
      endings.fail(
          current,
          AwsErrors.cannotStart(current.requestId, instance.function.name(), event.reason()),
          "error",
          false);
    }
    endings.release(instance);
    placement.dispatchQueued();
  }

  private void exited(PoolEvent.Exited event) {
    Instance instance = pool.instances.get(event.instance());
    if (instance == null) {
      return;
    }
    endings.leave(instance);
    endings.closeLog(instance);
    Invocation current = instance.current;
    if (current != null) {
      boolean neverRan = current.state == InvocationState.ASSIGNED || current.eventUnread;
      if (neverRan
          && instance.ready()
          && instance.initError == null
          && !pool.shuttingDown
          && !current.requeued) {
        // The event never reached the runtime (it died waiting for it): it runs elsewhere.
        current.requeued = true;
        placement.moveElsewhere(current, event.exitCode());
      } else if (instance.initError != null) {
        endings.fail(current, new Outcome.Failed(instance.initError), "error", false);
      } else {
        endings.fail(
            current, AwsErrors.exited(current.requestId, event.exitCode()), "error", false);
      }
    }
    endings.release(instance);
    placement.dispatchQueued();
  }

  private void deliveryFailed(PoolEvent.DeliveryFailed event) {
    Invocation invocation = pool.invocations.get(event.requestId());
    if (invocation == null
        || invocation.instance == null
        || !invocation.instance.id.equals(event.instance())
        || invocation.state != InvocationState.DELIVERED) {
      return;
    }
    // Back to waiting, undelivered: the instance's exit sends it elsewhere, or a new GET /next of
    // a runtime that reconnects takes it.
    invocation.state = InvocationState.ASSIGNED;
    invocation.delivered = false;
    if (!invocation.instance.live()) {
      placement.moveElsewhere(invocation, 128 + 9); // the instance's exit was handled already
    }
  }

  // ---- Time and shutdown ----

  private void tick() {
    for (Instance instance : List.copyOf(pool.instances.values())) {
      if (!instance.live()) {
        continue;
      }
      Invocation current = instance.current;
      boolean running = current != null && current.state == InvocationState.DELIVERED;
      if ((instance.state == InstanceState.STARTING && pool.due(instance.initDeadline))
          || (running && pool.due(current.deadline))) {
        endings.stopOnTimeout(instance);
        continue;
      }
      if (instance.logOpen != null
          && pool.due(instance.logOpen.endedAt + PoolLimits.FINISH_GRACE.toNanos())) {
        endings.closeLog(instance);
      }
      if (instance.state == InstanceState.IDLE
          && instance.logOpen == null
          && pool.due(instance.idleSince + pool.limits.idleTimeout().toNanos())) {
        endings.stop(instance); // reclaimed: the next invocation is a cold start
      }
    }
    placement.dispatchQueued();
  }

  private void shutdown() {
    pool.shuttingDown = true;
    for (Instance instance : List.copyOf(pool.instances.values())) {
      if (!instance.live()) {
        continue;
      }
      endings.leave(instance);
      endings.closeLog(instance);
      Invocation current = instance.current;
      if (current != null) {
        endings.fail(current, AwsErrors.serviceStopped(current.requestId), "error", false);
      }
      pool.emit(new PoolEffect.Kill(instance.id));
    }
    for (FunctionSlots function : pool.functions.values()) {
      for (Invocation queued : function.queued) {
        pool.invocations.remove(queued.requestId);
      }
      function.queued.clear();
    }
  }
}

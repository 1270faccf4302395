package dev.fanout.localcloud.lambda.pool;

/** Where invocations go: a warm instance, a new one, the queue, or nowhere (a refusal). */
final class Placement {
  private final PoolState pool;
  private final Endings endings;

  Placement(PoolState pool, Endings endings) {
    this.pool = pool;
    this.endings = endings;
  }

  /** Gives the invocation to an instance, warm or new; the reason it cannot, or null. */
  Refusal place(Invocation invocation) {
    FunctionSlots function = invocation.function;
    Instance warm = function.idle.poll();
    if (warm != null) {
      assign(warm, invocation);
      return null;
    }
    if (function.live >= function.config.concurrency()) {
      return function.config.reserved()
          ? Refusal.RESERVED_CONCURRENCY
          : Refusal.FUNCTION_CONCURRENCY;
    }
    if (pool.live >= pool.limits.maxInstances() && !evictIdleOfAnother(function)) {
      return Refusal.SERVICE_CAPACITY;
    }
    InstanceId id = new InstanceId(function.name(), ++function.started);
    long initDeadline = pool.now + PoolLimits.INIT_LIMIT.plus(function.config.timeout()).toNanos();
    Instance fresh = new Instance(id, function, pool.now, initDeadline);
    pool.instances.put(id, fresh);
    function.live++;
    pool.live++;
    pool.emit(new PoolEffect.Launch(id));
    assign(fresh, invocation);
    return null;
  }

  /** Queues an asynchronous invocation; false when its function's queue is full. */
  boolean enqueue(Invocation invocation) {
    if (invocation.function.queued.size() >= pool.limits.maxQueuedEvents()) {
      return false;
    }
    invocation.state = InvocationState.QUEUED;
    invocation.function.queued.add(invocation);
    return true;
  }

  /** Places an invocation whose instance died before the runtime read it, or fails it. */
  void moveElsewhere(Invocation invocation, int exitCode) {
    Instance dead = invocation.instance;
    if (dead.current == invocation) {
      dead.current = null;
    }
    if (place(invocation) != null && !(invocation.event && enqueue(invocation))) {
      invocation.instance = dead; // its log is the dead instance's
      endings.fail(invocation, AwsErrors.exited(invocation.requestId, exitCode), "error", false);
    }
  }

  /** Starts queued events where there is room, every function in turn. */
  void dispatchQueued() {
    for (FunctionSlots function : pool.functions.values()) {
      while (!pool.shuttingDown && !function.queued.isEmpty()) {
        if (place(function.queued.peek()) != null) {
          break;
        }
        function.queued.poll();
      }
    }
  }

  /** The instance is free: it takes its function's next queued event, or waits as idle. */
  void takeNextOrIdle(Instance instance) {
    Invocation queued = instance.function.queued.poll();
    if (queued == null) {
      becomeIdle(instance);
      return;
    }
    if (instance.state == InstanceState.STARTING) {
      instance.state = InstanceState.BUSY;
    }
    assign(instance, queued);
  }

  void assign(Instance instance, Invocation invocation) {
    if (instance.state == InstanceState.IDLE) {
      instance.state = InstanceState.BUSY;
      instance.function.idle.remove(instance);
    }
    instance.current = invocation;
    invocation.instance = instance;
    invocation.state = InvocationState.ASSIGNED;
    if (instance.pendingNext != null) {
      deliver(instance, invocation);
    }
  }

  /** Answers the runtime's pending GET /next with the invocation and arms its timeout. */
  void deliver(Instance instance, Invocation invocation) {
    Object request = instance.pendingNext;
    invocation.eventConnection = instance.pendingNextConnection;
    instance.pendingNext = null;
    instance.pendingNextConnection = null;
    invocation.state = InvocationState.DELIVERED;
    invocation.delivered = true;
    invocation.deliveredAt = pool.now;
    invocation.deadline = pool.now + instance.function.config.timeout().toNanos();
    invocation.eventUnread = false;
    invocation.cold = !instance.servedAny;
    invocation.initMillis = invocation.cold ? instance.initMillis : Double.NaN;
    instance.servedAny = true;
    pool.emit(new PoolEffect.Deliver(instance.id, invocation.requestId, request, invocation.cold));
  }

  private void becomeIdle(Instance instance) {
    instance.state = InstanceState.IDLE;
    instance.idleSince = pool.now;
    FunctionSlots function = instance.function;
    function.idle.remove(instance);
    if (!instance.lost) {
      function.idle.push(instance); // the most recently idle is reused first
    }
  }

  /** Stops the longest-idle instance of another function to free a slot; false if none. */
  private boolean evictIdleOfAnother(FunctionSlots asking) {
    Instance oldest = null;
    for (FunctionSlots function : pool.functions.values()) {
      if (function == asking) {
        continue;
      }
      for (Instance idle : function.idle) {
        if (idle.logOpen == null && (oldest == null || idle.idleSince - oldest.idleSince < 0)) {
          oldest = idle;
        }
      }
    }
    if (oldest == null) {
      return false;
    }
    endings.stop(oldest);
    return true;
  }
}

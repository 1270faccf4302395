package dev.fanout.localcloud.lambda.pool;

/** How invocations end (answered, failed, logged) and instances leave the pool. */
final class Endings {
  private final PoolState pool;

  Endings(PoolState pool) {
    this.pool = pool;
  }

  /** Stops an instance whose invocation (or init) ran past its time; its log comes first. */
  void stopOnTimeout(Instance instance) {
    leave(instance);
    Invocation current = instance.current;
    if (current != null) {
      fail(
          current,
          AwsErrors.timedOut(current.requestId, current.function.config.timeout()),
          "timeout",
          true);
    }
    pool.emit(new PoolEffect.Kill(instance.id));
  }

  void stop(Instance instance) {
    leave(instance);
    pool.emit(new PoolEffect.Kill(instance.id));
  }

  /** Takes the instance out of the pool and frees its slot (once). */
  void leave(Instance instance) {
    if (!instance.live()) {
      return;
    }
    instance.state = InstanceState.GONE;
    instance.function.live--;
    pool.live--;
    instance.function.idle.remove(instance);
    instance.pendingNext = null;
    instance.pendingNextConnection = null;
  }

  /** Forgets an instance whose process is gone, and has the shell close what it held. */
  void release(Instance instance) {
    pool.instances.remove(instance.id);
    pool.emit(new PoolEffect.Release(instance.id));
  }

  /** Ends an invocation the runtime did not answer: its caller is answered, its log written. */
  void fail(Invocation invocation, Outcome outcome, String status, boolean timedOut) {
    if (invocation.instance != null && invocation.instance.current == invocation) {
      invocation.instance.current = null;
    }
    invocation.outcome = outcome;
    invocation.status = status;
    invocation.endedAt = pool.now;
    if (!invocation.wantsLog) {
      answer(invocation);
    }
    writeLog(invocation, timedOut);
  }

  /** The runtime answered: the caller hears now, unless it waits for the log. */
  void answered(Instance instance, Invocation invocation, Outcome outcome) {
    closeLog(instance);
    invocation.state = InvocationState.ANSWERED;
    invocation.outcome = outcome;
    invocation.endedAt = pool.now;
    instance.current = null;
    instance.logOpen = invocation;
    if (!invocation.wantsLog) {
      answer(invocation);
    }
  }

  /** Ends the log of the instance's last answered invocation, if it is still open. */
  void closeLog(Instance instance) {
    Invocation answered = instance.logOpen;
    if (answered != null) {
      writeLog(answered, false);
    }
  }

  private void answer(Invocation invocation) {
    invocation.callerAnswered = true;
    pool.emit(new PoolEffect.Answer(invocation.requestId, invocation.outcome));
  }

  private void writeLog(Invocation invocation, boolean timedOut) {
    Instance instance = invocation.instance;
    long start = invocation.delivered ? invocation.deliveredAt : invocation.receivedAt;
    double init = invocation.cold ? invocation.initMillis : Double.NaN;
    if (!invocation.delivered && !instance.ready()) {
      init = PoolState.millis(invocation.endedAt - instance.startedAt); // waited for a failed start
    }
    LogFacts facts =
        new LogFacts(
            PoolState.millis(invocation.endedAt - start),
            init,
            invocation.status,
            timedOut,
            invocation.cold);
    pool.emit(
        new PoolEffect.WriteLog(
            instance.id,
            invocation.requestId,
            invocation.outcome,
            facts,
            !invocation.callerAnswered));
    invocation.callerAnswered = true;
    invocation.state = InvocationState.LOGGED;
    pool.invocations.remove(invocation.requestId);
    if (instance.logOpen == invocation) {
      instance.logOpen = null;
    }
  }
}

package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpResponse;
import dev.fanout.localcloud.lambda.pool.InstanceId;
import dev.fanout.localcloud.lambda.pool.LogFacts;
import dev.fanout.localcloud.lambda.pool.Outcome;
import dev.fanout.localcloud.lambda.pool.Pool;
import dev.fanout.localcloud.lambda.pool.PoolEffect;
import dev.fanout.localcloud.lambda.pool.PoolEvent;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The thin shell around the {@link Pool}: it hands the pool every event under one lock, and after
 * releasing it carries out the effects, in order, against processes and sockets. It also wakes the
 * pool when its next deadline falls due. It decides nothing itself.
 */
final class PoolShell {
  private static final System.Logger LOG = System.getLogger(PoolShell.class.getName());

  private final Pool pool;
  private final Map<String, FunctionConfig> functions;
  private final InstanceLauncher launcher;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanoTime;
  private final Consumer<String> logListener;
  private final String region;
  private final Map<InstanceId, InstanceProcess> processes = new ConcurrentHashMap<>();
  private final Map<String, Call> calls = new ConcurrentHashMap<>();

  // Guarded by this.
  private ScheduledFuture<?> wakeUp;
  private long wakeUpAt;

  PoolShell(
      Pool pool,
      Map<String, FunctionConfig> functions,
      InstanceLauncher launcher,
      ScheduledExecutorService timer,
      LongSupplier nanoTime,
      Consumer<String> logListener,
      String region) {
    this.pool = pool;
    this.functions = Map.copyOf(functions);
    this.launcher = launcher;
    this.timer = timer;
    this.nanoTime = nanoTime;
    this.logListener = logListener;
    this.region = region;
  }

  /** Hands {@code call} to the pool; its listener hears how it goes. */
  void invoke(Call call) {
    calls.put(call.requestId, call);
    submit(new PoolEvent.Invoke(call.requestId, call.function, call.event, call.wantsLog));
  }

  /** Decides {@code event} and carries out the decision; any thread. */
  void submit(PoolEvent event) {
    List<PoolEffect> effects;
    synchronized (this) {
      effects = pool.decide(event, nanoTime.getAsLong());
      wakeUpBy(pool.nextDeadline());
    }
    for (PoolEffect effect : effects) {
      try {
        carryOut(effect);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "the local Lambda service failed to carry out " + effect, e);
      }
    }
  }

  /** Stops every instance; returns their processes, to wait for. */
  List<InstanceProcess> shutdown() {
    List<InstanceProcess> running = new ArrayList<>(processes.values());
    submit(new PoolEvent.Shutdown());
    return running;
  }

  synchronized int liveInstances(String function) {
    return pool.liveInstances(function);
  }

  synchronized int runningInvocations(String function) {
    return pool.runningInvocations(function);
  }

  /** Arms the timer for {@code deadline} unless an earlier wake-up is armed already. */
  private void wakeUpBy(OptionalLong deadline) {
    if (deadline.isEmpty()) {
      return; // an armed wake-up may still fire: a tick with nothing due decides nothing
    }
    long at = deadline.getAsLong();
    if (wakeUp != null && at - wakeUpAt >= 0) {
      return;
    }
    if (wakeUp != null) {
      wakeUp.cancel(false);
    }
    long delay = Math.max(0, at - nanoTime.getAsLong());
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    Runnable tick =
        () -> {
          synchronized (this) {
            if (wakeUp == self[0]) {
              wakeUp = null;
            }
          }
          submit(new PoolEvent.Tick());
        };
    try {
      wakeUpAt = at;
      wakeUp = self[0] = timer.schedule(tick, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      wakeUp = null; // the service is stopping
    }
  }

  private void carryOut(PoolEffect effect) {
    switch (effect) {
      case PoolEffect.Launch launch -> {
        InstanceProcess instance = new InstanceProcess(launch.instance());
        processes.put(launch.instance(), instance);
        launcher.launch(instance, functions.get(launch.instance().function()), this::submit);
      }
      case PoolEffect.Deliver deliver -> deliver(deliver);
      case PoolEffect.Acknowledge acknowledge ->
          ((HttpLoop.Exchange) acknowledge.request())
              .respond(
                  acknowledge.accepted()
                      ? HttpResponse.json(202, "{\"status\":\"OK\"}")
                      : HttpResponse.of(
                              400,
                              ErrorBodies.functionError(
                                  "InvalidRequestID",
                                  "Invalid request ID: " + acknowledge.requestId()))
                          .withHeader("Content-Type", "application/json"));
      case PoolEffect.Accept accept ->
          calls.get(accept.requestId()).listener.accepted(accept.requestId());
      case PoolEffect.Refuse refuse ->
          calls.remove(refuse.requestId()).listener.refused(refuse.requestId(), refuse.reason());
      case PoolEffect.Answer answer ->
          calls
              .get(answer.requestId())
              .listener
              .completed(result(answer.requestId(), answer.outcome(), ""));
      case PoolEffect.WriteLog writeLog -> writeLog(writeLog);
      case PoolEffect.Kill kill -> {
        InstanceProcess instance = processes.get(kill.instance());
        if (instance != null) {
          instance.kill();
        }
      }
      case PoolEffect.Release release -> {
        InstanceProcess instance = processes.remove(release.instance());
        if (instance != null) {
          launcher.release(instance);
        }
      }
    }
  }

  private void deliver(PoolEffect.Deliver deliver) {
    Call call = calls.get(deliver.requestId());
    InstanceProcess instance = processes.get(deliver.instance());
    FunctionConfig function = functions.get(deliver.instance().function());
    if (deliver.cold()) {
      call.initOutput = instance.readNewOutput();
    }
    HttpResponse event =
        HttpResponse.of(200, call.payload)
            .withHeader("Content-Type", "application/json")
            .withHeader("Lambda-Runtime-Aws-Request-Id", call.requestId)
            .withHeader(
                "Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + function.timeout().toMillis()))
            .withHeader(
                "Lambda-Runtime-Invoked-Function-Arn",
                InvokeApi.arn(region, function.name())
                    + (call.qualifier == null ? "" : ":" + call.qualifier))
            .withHeader("Lambda-Runtime-Trace-Id", traceId());
    if (call.clientContext != null) {
      event = event.withHeader("Lambda-Runtime-Client-Context", call.clientContext);
    }
    ((HttpLoop.Exchange) deliver.request())
        .respondUnlessClosed(
            event,
            () -> submit(new PoolEvent.DeliveryFailed(deliver.instance(), deliver.requestId())));
  }

  /** Writes the invocation's log (output, END, REPORT) and answers the caller if still waiting. */
  private void writeLog(PoolEffect.WriteLog writeLog) {
    Call call = calls.remove(writeLog.requestId());
    InstanceProcess instance = processes.get(writeLog.instance());
    FunctionConfig function = functions.get(writeLog.instance().function());
    LogFacts facts = writeLog.facts();
    String output = "";
    long peakMb = 0;
    if (instance != null) {
      output = instance.readNewOutput();
      instance.refreshPeakMemory(facts.cold(), nanoTime.getAsLong());
      peakMb = instance.peakMb();
    }
    String text =
        (call == null ? "" : call.initOutput)
            + LambdaLogLines.start(writeLog.requestId())
            + output
            + (facts.timedOut()
                ? LambdaLogLines.timedOut(
                    Instant.now(), writeLog.requestId(), function.timeout().toSeconds())
                : "")
            + LambdaLogLines.end(writeLog.requestId())
            + LambdaLogLines.report(
                writeLog.requestId(),
                facts.durationMillis(),
                function.memoryMb(),
                peakMb,
                facts.initMillis(),
                facts.status());
    try {
      logListener.accept(text);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the log listener failed", e);
    }
    if (writeLog.answer() && call != null) {
      call.listener.completed(result(writeLog.requestId(), writeLog.outcome(), text));
    }
  }

  private static InvocationResult result(String requestId, Outcome outcome, String log) {
    byte[] payload =
        switch (outcome) {
          case Outcome.Succeeded succeeded -> succeeded.payload();
          case Outcome.Failed failed -> failed.document();
          case Outcome.Stopped stopped ->
              ErrorBodies.functionError(stopped.errorType(), stopped.errorMessage());
        };
    return new InvocationResult(requestId, payload, outcome.functionError(), log);
  }

  private static String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%08x%016x;Sampled=0",
        System.currentTimeMillis() / 1000, random.nextInt(), random.nextLong());
  }
}

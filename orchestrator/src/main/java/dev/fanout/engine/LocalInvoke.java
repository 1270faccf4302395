package dev.fanout.engine;

import dev.fanout.cloud.Invocation;
import dev.fanout.cloud.LambdaInvoker;
import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One event to one function of the local Lambda service, as {@code sam local invoke} does it: the
 * service started for it, the function invoked once through the Invoke API, its answer and the log
 * of that invocation returned, the service stopped.
 */
public final class LocalInvoke {
  /** How long a throttled invocation is retried: the one instance may still be starting. */
  private static final Duration THROTTLE_DEADLINE = Duration.ofSeconds(30);

  private LocalInvoke() {}

  /**
   * The answer to one invocation.
   *
   * @param payload the function's response: its output, or Lambda's error object
   * @param functionError Lambda's X-Amz-Function-Error ("Unhandled"), or null on success
   * @param log the invocation's log (the function's output, END and REPORT lines), or null when
   *     none arrived
   */
  public record Answer(String requestId, String payload, String functionError, String log) {
    public boolean failed() {
      return functionError != null;
    }
  }

  /**
   * Starts the service with {@code options} (on any free ports, one instance per function), invokes
   * {@code function} with {@code payload} and stops the service again.
   *
   * @param started told the service's endpoint once it listens
   * @throws ExecutionException when the service did not answer (a function error is an answer)
   */
  public static Answer invoke(
      LocalLambdaOptions.Builder options, String function, String payload, Consumer<URI> started)
      throws InterruptedException, ExecutionException {
    Map<String, String> logs = new ConcurrentHashMap<>();
    try (LocalLambdaService service =
        LocalLambdaService.start(
            options
                .port(0)
                .sqsPort(0)
                .maxInstancesPerFunction(1)
                .logListener(log -> logs.put(requestId(log), log))
                .build())) {
      started.accept(service.endpoint());
      LambdaTarget target =
          new LambdaTarget(
              service.endpoint(), service.options().region(), "local Lambda service", false);
      ExecutorService callbacks =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().name("lambda-invoke").daemon(true).factory());
      try (LambdaInvoker invoker =
          LambdaInvoker.create(target, 1, callbacks, THROTTLE_DEADLINE, System::nanoTime)) {
        Invocation invocation = invoker.invoke(function, payload, new AtomicInteger()).get();
        // The service hands the log to its listener before it answers.
        return new Answer(
            invocation.requestId(),
            invocation.payload(),
            invocation.functionError(),
            logs.get(invocation.requestId()));
      } finally {
        callbacks.shutdownNow();
      }
    }
  }

  /** The request id of a log, from its START line; "" when it has none. */
  static String requestId(String log) {
    String start = "START RequestId: ";
    int at = log.indexOf(start);
    if (at < 0) {
      return "";
    }
    int from = at + start.length();
    int end = from;
    while (end < log.length() && !Character.isWhitespace(log.charAt(end))) {
      end++;
    }
    return log.substring(from, end);
  }
}

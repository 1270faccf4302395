package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.lambda.esm.BatchRecord;
import dev.fanout.localcloud.lambda.esm.EventSourceMappings;
import dev.fanout.localcloud.lambda.esm.Invoker;
import dev.fanout.localcloud.lambda.esm.QueueTrigger;
import dev.fanout.localcloud.lambda.pool.Refusal;
import dev.fanout.localcloud.sqs.LocalQueue;
import dev.fanout.localcloud.sqs.LocalSqs;
import dev.fanout.localcloud.sqs.TemplateQueues;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The template's queues as the service serves them: a local SQS holding them, and the event source
 * mappings that feed its functions from them. None at all when the template has no queue or the
 * options turn them off.
 */
final class ServedQueues implements AutoCloseable {
  private static final ServedQueues NONE = new ServedQueues(null, Map.of());

  private final LocalSqs sqs;
  private final Map<String, LocalQueue> queues;
  private EventSourceMappings mappings;

  private ServedQueues(LocalSqs sqs, Map<String, LocalQueue> queues) {
    this.sqs = sqs;
    this.queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
  }

  /** Starts the local SQS with the template's queues, unless there are none to serve. */
  static ServedQueues create(LocalLambdaOptions options, TemplateQueues templateQueues) {
    if (!options.queues() || !templateQueues.any()) {
      return NONE;
    }
    LocalSqs sqs = LocalSqs.start(options.host(), options.sqsPort(), options.region());
    try {
      return new ServedQueues(sqs, sqs.create(templateQueues));
    } catch (RuntimeException e) {
      sqs.close();
      throw e;
    }
  }

  /** The queues, by logical id. */
  Map<String, LocalQueue> queues() {
    return queues;
  }

  Optional<URI> endpoint() {
    return Optional.ofNullable(sqs).map(LocalSqs::endpoint);
  }

  /**
   * What every instance is told: where the local SQS is, in the variable the AWS SDKs read for an
   * SQS endpoint (so that a function's own SQS client reaches it), then {@code overrides}.
   */
  Map<String, String> instanceEnvironment(Map<String, String> overrides) {
    Map<String, String> environment = new LinkedHashMap<>();
    endpoint().ifPresent(uri -> environment.put("AWS_ENDPOINT_URL_SQS", uri.toString()));
    environment.putAll(overrides);
    return environment;
  }

  /** Starts polling for {@code triggers}, each invoking through {@code pool}. */
  void startMappings(
      List<QueueTrigger> triggers,
      Map<String, Integer> functionLimits,
      PoolShell pool,
      String region,
      BatchRecord.Listener listener) {
    if (sqs != null) {
      mappings =
          EventSourceMappings.start(
              triggers, functionLimits, sqs.client(), region, invoker(pool), listener);
    }
  }

  /** Stops polling: no new batches; those being handled end with the pool. */
  void stopMappings() {
    if (mappings != null) {
      mappings.close();
    }
  }

  @Override
  public void close() {
    stopMappings();
    if (sqs != null) {
      sqs.close();
    }
  }

  /** The mappings' way in: a synchronous invocation through the same pool as the Invoke API's. */
  private static Invoker invoker(PoolShell pool) {
    return (function, payload) -> {
      CompletableFuture<Invoker.Result> result = new CompletableFuture<>();
      pool.invoke(
          new Call(
              function,
              payload,
              null,
              null,
              false,
              false,
              new Call.Listener() {
                @Override
                public void refused(String requestId, Refusal reason) {
                  result.complete(Invoker.Result.throttled(reason.name()));
                }

                @Override
                public void completed(InvocationResult answer) {
                  result.complete(
                      new Invoker.Result(
                          false, answer.functionError(), answer.payload(), answer.requestId()));
                }
              }));
      return result;
    };
  }
}

package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.lambda.esm.QueueTrigger;
import dev.fanout.localcloud.sqs.LocalQueue;
import dev.fanout.localcloud.template.Unresolved;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A function's {@code Events} of {@code Type: SQS}, read as the event source mappings AWS would
 * create, on the queues the local SQS holds. A mapping AWS would refuse is refused here, naming the
 * property; one on a queue that is not local is skipped with a warning.
 */
final class SqsEvents {
  private SqsEvents() {}

  static List<QueueTrigger> read(
      FunctionConfig function,
      Map<String, Object> properties,
      Map<String, LocalQueue> queuesByArn,
      List<String> warnings) {
    List<QueueTrigger> triggers = new ArrayList<>();
    if (!(properties.get("Events") instanceof Map<?, ?> events)) {
      return triggers;
    }
    for (Map.Entry<?, ?> entry : events.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> event) || !"SQS".equals(event.get("Type"))) {
        continue;
      }
      String name = function.name() + ".Events." + entry.getKey();
      Map<?, ?> settings = event.get("Properties") instanceof Map<?, ?> map ? map : Map.of();
      ResolvedProperties read = new ResolvedProperties(name, settings, warnings);
      Object queue = settings.get("Queue");
      if (queue instanceof Unresolved unresolved) {
        warnings.add(
            name + ": skipped, its Queue " + unresolved.describe() + " is not a local queue");
        continue;
      }
      LocalQueue local = queuesByArn.get(String.valueOf(queue));
      if (local == null) {
        warnings.add(
            name + ": skipped, its Queue " + queue + " is not one of the template's queues");
        continue;
      }
      if (local.visibilityTimeout().compareTo(function.timeout()) < 0) {
        throw new IllegalArgumentException(
            name
                + ": the queue "
                + local.logicalId()
                + "'s VisibilityTimeout ("
                + local.visibilityTimeout().toSeconds()
                + " s) is less than the function's Timeout ("
                + function.timeout().toSeconds()
                + " s); AWS refuses such a mapping (it recommends six times the Timeout)");
      }
      triggers.add(
          new QueueTrigger(
              function.name(),
              String.valueOf(entry.getKey()),
              local.arn(),
              local.url(),
              local.visibilityTimeout(),
              read.integer("BatchSize", QueueTrigger.DEFAULT_BATCH_SIZE),
              Duration.ofSeconds(read.integer("MaximumBatchingWindowInSeconds", 0)),
              settings.get("FunctionResponseTypes") instanceof List<?> types
                  && types.contains("ReportBatchItemFailures"),
              maximumConcurrency(name, settings, warnings),
              !"false".equalsIgnoreCase(String.valueOf(settings.get("Enabled")))));
    }
    return triggers;
  }

  private static OptionalInt maximumConcurrency(
      String name, Map<?, ?> settings, List<String> warnings) {
    if (!(settings.get("ScalingConfig") instanceof Map<?, ?> scaling)
        || scaling.get("MaximumConcurrency") == null) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(
        new ResolvedProperties(name + ".ScalingConfig", scaling, warnings)
            .integer("MaximumConcurrency", 0));
  }
}

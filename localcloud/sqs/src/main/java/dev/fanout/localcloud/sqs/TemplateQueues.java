package dev.fanout.localcloud.sqs;

import dev.fanout.localcloud.template.Resolver;
import dev.fanout.localcloud.template.Resource;
import dev.fanout.localcloud.template.Stack;
import dev.fanout.localcloud.template.Template;
import dev.fanout.localcloud.template.Unresolved;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The {@code AWS::SQS::Queue} resources of a template, as the local SQS creates them: each named by
 * its {@code QueueName} or else its logical id, with the attributes SQS takes at creation
 * (visibility timeout, retention, delay, wait time, size, redrive policy, FIFO). A redrive policy
 * names its dead-letter queue by ARN, so dead-letter queues are created first.
 */
public final class TemplateQueues {
  public static final String QUEUE = "AWS::SQS::Queue";

  /** Queue properties that are SQS attributes of the same name. */
  private static final List<String> PLAIN_ATTRIBUTES =
      List.of(
          "VisibilityTimeout",
          "MessageRetentionPeriod",
          "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds",
          "MaximumMessageSize",
          "FifoQueue",
          "ContentBasedDeduplication");

  private final Template template;
  private final Stack stack;

  public TemplateQueues(Template template, Stack stack) {
    this.template = template;
    this.stack = stack;
  }

  /** True when the template has a queue the stack would create. */
  public boolean any() {
    Resolver resolver = template.resolver(stack);
    return template.resourcesOfType(QUEUE).stream().anyMatch(resolver::creates);
  }

  Map<String, LocalQueue> createIn(SqsClient sqs, String region) {
    Resolver base = template.resolver(stack);
    List<Resource> waiting = new ArrayList<>();
    for (Resource queue : template.resourcesOfType(QUEUE)) {
      if (base.creates(queue)) {
        waiting.add(queue);
      }
    }
    Map<String, LocalQueue> created = new LinkedHashMap<>();
    while (!waiting.isEmpty()) {
      Resolver resolver = template.resolver(stack.withResources(deployed(created)));
      List<Resource> ready = new ArrayList<>();
      for (Resource queue : waiting) {
        if (!(redriveTarget(resolver.properties(queue)) instanceof Unresolved)) {
          ready.add(queue);
        }
      }
      if (ready.isEmpty()) {
        throw new IllegalArgumentException(
            template.source()
                + ": the redrive policies of "
                + waiting.stream().map(Resource::logicalId).toList()
                + " name dead-letter queues that are not queues of the template, or each other");
      }
      for (Resource queue : ready) {
        LocalQueue local = create(sqs, region, queue.logicalId(), resolver.properties(queue));
        created.put(queue.logicalId(), local);
      }
      waiting.removeAll(ready);
    }
    return created;
  }

  private static Object redriveTarget(Map<String, Object> properties) {
    return properties.get("RedrivePolicy") instanceof Map<?, ?> redrive
        ? redrive.get("deadLetterTargetArn")
        : null;
  }

  private LocalQueue create(
      SqsClient sqs, String region, String logicalId, Map<String, Object> properties) {
    String name = String.valueOf(properties.getOrDefault("QueueName", logicalId));
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String attribute : PLAIN_ATTRIBUTES) {
      Object value = properties.get(attribute);
      if (value != null && !(value instanceof Unresolved)) {
        attributes.put(attribute, String.valueOf(value));
      }
    }
    if (properties.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
      attributes.put(
          "RedrivePolicy",
          "{\"deadLetterTargetArn\":\""
              + redrive.get("deadLetterTargetArn")
              + "\",\"maxReceiveCount\":"
              + Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount")))
              + "}");
    }
    String url;
    try {
      url =
          sqs.createQueue(
                  CreateQueueRequest.builder()
                      .queueName(name)
                      .attributesWithStrings(attributes)
                      .build())
              .queueUrl();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          template.source() + ": the queue " + logicalId + " cannot be created: " + e.getMessage(),
          e);
    }
    Map<QueueAttributeName, String> created =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.QUEUE_ARN, QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes();
    return new LocalQueue(
        logicalId,
        name,
        url,
        created.get(QueueAttributeName.QUEUE_ARN),
        Duration.ofSeconds(Long.parseLong(created.get(QueueAttributeName.VISIBILITY_TIMEOUT))));
  }

  /** The created queues as the template's Refs and GetAtts see them. */
  public static Map<String, Stack.Deployed> deployed(Map<String, LocalQueue> queues) {
    Map<String, Stack.Deployed> deployed = new LinkedHashMap<>();
    queues.forEach(
        (id, queue) ->
            deployed.put(
                id,
                new Stack.Deployed(
                    queue.url(), Map.of("Arn", queue.arn(), "QueueName", queue.name()))));
    return deployed;
  }
}

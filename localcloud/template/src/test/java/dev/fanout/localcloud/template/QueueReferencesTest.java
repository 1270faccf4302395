package dev.fanout.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

import dev.fanout.localcloud.template.Unresolved.AttributeRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an event source mapping needs from a template: its queues, their redrive policies and the
 * SQS events of its functions, with the queues they name as typed references to resources.
 */
class QueueReferencesTest {
  private static final String TEMPLATE =
      """
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        BatchSize: {Type: Number, Default: 10}
      Resources:
        OrdersDlq:
          Type: AWS::SQS::Queue
        Orders:
          Type: AWS::SQS::Queue
          Properties:
            VisibilityTimeout: 120
            RedrivePolicy:
              deadLetterTargetArn: !GetAtt OrdersDlq.Arn
              maxReceiveCount: 3
        Kitchen:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handle
            Environment:
              Variables:
                ORDERS_URL: !Ref Orders
                DLQ_ARN: !GetAtt OrdersDlq.Arn
                DLQ_NAME: !Sub "${OrdersDlq.QueueName} after ${Orders}"
            Events:
              OrdersArrive:
                Type: SQS
                Properties:
                  Queue: !GetAtt Orders.Arn
                  BatchSize: !Ref BatchSize
                  MaximumBatchingWindowInSeconds: 2
                  FunctionResponseTypes: [ReportBatchItemFailures]
                  ScalingConfig:
                    MaximumConcurrency: 5
      """;

  private final Template template = Template.parse(TEMPLATE, "queues.yaml");
  private final Resolver resolver = template.resolver(Stack.local("us-east-1", Map.of()));

  @Test
  void aQueuesRedrivePolicy_namesItsDeadLetterQueue() {
    Resource orders = template.resourcesOfType("AWS::SQS::Queue").getLast();
    Map<String, Object> properties = resolver.properties(orders);

    assertThat(properties).containsEntry("VisibilityTimeout", 120);
    Map<?, ?> redrive = (Map<?, ?>) properties.get("RedrivePolicy");
    assertThat(redrive.get("maxReceiveCount")).isEqualTo(3);
    if (!(redrive.get("deadLetterTargetArn") instanceof AttributeRef(var queue, var attribute))) {
      throw new AssertionError("not a GetAtt: " + redrive.get("deadLetterTargetArn"));
    }
    assertThat(queue).isEqualTo("OrdersDlq");
    assertThat(attribute).isEqualTo("Arn");
    assertThat(template.resource(queue).orElseThrow().type()).isEqualTo("AWS::SQS::Queue");
  }

  @Test
  void aFunctionsSqsEvent_namesItsQueue_andResolvesItsSettings() {
    Resource kitchen = template.resource("Kitchen").orElseThrow();
    Map<?, ?> events = (Map<?, ?>) resolver.properties(kitchen).get("Events");
    Map<?, ?> event = (Map<?, ?>) events.get("OrdersArrive");
    Map<?, ?> properties = (Map<?, ?>) event.get("Properties");

    assertThat(event.get("Type")).isEqualTo("SQS");
    assertThat(properties.get("Queue")).isEqualTo(new AttributeRef("Orders", "Arn"));
    assertThat(properties.get("BatchSize")).isEqualTo("10");
    assertThat(properties.get("MaximumBatchingWindowInSeconds")).isEqualTo(2);
    assertThat(properties.get("FunctionResponseTypes"))
        .isEqualTo(List.of("ReportBatchItemFailures"));
    assertThat(properties.get("ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", 5));
    assertThat(resolver.warnings()).isEmpty();
  }

  @Test
  void aStackWhoseQueuesExist_resolvesRefGetAttAndSubToThem() {
    Stack stack =
        Stack.local("us-east-1", Map.of())
            .withResources(
                Map.of(
                    "Orders",
                    new Stack.Deployed("http://127.0.0.1:9324/000000000000/Orders", Map.of()),
                    "OrdersDlq",
                    new Stack.Deployed(
                        "http://127.0.0.1:9324/000000000000/OrdersDlq",
                        Map.of(
                            "Arn", "arn:aws:sqs:us-east-1:000000000000:OrdersDlq",
                            "QueueName", "OrdersDlq"))));
    Resolver deployed = template.resolver(stack);
    Map<?, ?> environment =
        (Map<?, ?>)
            deployed.properties(template.resource("Kitchen").orElseThrow()).get("Environment");

    assertThat(environment.get("Variables"))
        .asInstanceOf(map(String.class, Object.class))
        .containsEntry("ORDERS_URL", "http://127.0.0.1:9324/000000000000/Orders")
        .containsEntry("DLQ_ARN", "arn:aws:sqs:us-east-1:000000000000:OrdersDlq")
        .containsEntry("DLQ_NAME", "OrdersDlq after http://127.0.0.1:9324/000000000000/Orders");
    // An attribute the stack does not know stays a typed reference, as before.
    Map<?, ?> events =
        (Map<?, ?>) deployed.properties(template.resource("Kitchen").orElseThrow()).get("Events");
    Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) events.get("OrdersArrive")).get("Properties");
    assertThat(properties.get("Queue")).isEqualTo(new AttributeRef("Orders", "Arn"));
  }
}

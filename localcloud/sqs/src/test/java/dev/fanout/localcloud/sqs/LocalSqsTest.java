package dev.fanout.localcloud.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.localcloud.template.Stack;
import dev.fanout.localcloud.template.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local SQS through the AWS SDK: the template's queues, their attributes, redrive. */
class LocalSqsTest {
  private static final String TEMPLATE =
      """
      Resources:
        Orders:
          Type: AWS::SQS::Queue
          Properties:
            VisibilityTimeout: 1
            RedrivePolicy:
              deadLetterTargetArn: !GetAtt OrdersDlq.Arn
              maxReceiveCount: 2
        OrdersDlq:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: orders-dead-letters
            MessageRetentionPeriod: 1209600
      """;

  private static LocalSqs sqs;
  private static SqsClient client;
  private static Map<String, LocalQueue> queues;

  @BeforeAll
  static void start() {
    sqs = LocalSqs.start("127.0.0.1", 0, "us-east-1");
    client = sqs.client();
    queues =
        sqs.create(
            new TemplateQueues(
                Template.parse(TEMPLATE, "queues.yaml"), Stack.local("us-east-1", Map.of())));
  }

  @AfterAll
  static void stop() {
    client.close();
    sqs.close();
  }

  @Test
  void theTemplatesQueuesExist_namedByQueueNameOrLogicalId_onThisEndpoint() {
    assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(queues).containsOnlyKeys("Orders", "OrdersDlq");
    assertThat(queues.get("Orders").name()).isEqualTo("Orders");
    assertThat(queues.get("OrdersDlq").name()).isEqualTo("orders-dead-letters");
    assertThat(queues.get("Orders").url()).startsWith(sqs.endpoint().toString() + "/");
    assertThat(queues.get("OrdersDlq").arn())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders-dead-letters");
    assertThat(client.listQueues().queueUrls())
        .contains(queues.get("Orders").url(), queues.get("OrdersDlq").url());
  }

  @Test
  void aQueueHasTheTemplatesAttributes_includingItsRedrivePolicy() {
    Map<QueueAttributeName, String> attributes =
        client
            .getQueueAttributes(
                b -> b.queueUrl(queues.get("Orders").url()).attributeNames(QueueAttributeName.ALL))
            .attributes();

    assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("1");
    assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
        .contains(queues.get("OrdersDlq").arn())
        .contains("2");
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimes_andNeverDeleted_movesToTheDeadLetterQueue()
      throws InterruptedException {
    String orders = queues.get("Orders").url();
    client.sendMessage(b -> b.queueUrl(orders).messageBody("poison"));

    for (int receive = 1; receive <= 2; receive++) {
      List<Message> got = receiveOne(orders);
      assertThat(got).hasSize(1);
      assertThat(
              got.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
          .isEqualTo(String.valueOf(receive));
      Thread.sleep(1_100); // past the visibility timeout: it is visible again, undeleted
    }
    assertThat(receiveOne(orders)).isEmpty();
    List<Message> dead = receiveOne(queues.get("OrdersDlq").url());
    assertThat(dead).extracting(Message::body).containsExactly("poison");
  }

  @Test
  void aPortInUse_isRefusedNamingIt() {
    int taken = sqs.endpoint().getPort();
    assertThatThrownBy(() -> LocalSqs.start("127.0.0.1", taken, "us-east-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:" + taken);
  }

  private static List<Message> receiveOne(String url) {
    return client
        .receiveMessage(
            b ->
                b.queueUrl(url)
                    .waitTimeSeconds(1)
                    .maxNumberOfMessages(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }
}

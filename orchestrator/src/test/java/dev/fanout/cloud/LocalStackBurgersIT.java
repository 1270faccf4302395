package dev.fanout.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The burger bar's stages from the same function.zip, on LocalStack's Lambda and SQS with real
 * event source mappings: only the endpoint differs from the local Lambda service. Needs Docker;
 * skipped cleanly where there is none (the local service's own tests cover the same pipeline).
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class LocalStackBurgersIT {
  private static final String HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

  // The last community tag that runs without an auth token.
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14.0"))
          .withServices(
              LocalStackContainer.Service.LAMBDA,
              LocalStackContainer.Service.SQS,
              LocalStackContainer.Service.DYNAMODB);

  @Test
  void ordersGoThroughTheStages_andThePoisonOneIsDeadLettered() throws IOException {
    byte[] zip = Files.readAllBytes(projectRoot().resolve("functions/lambda/target/function.zip"));
    try (OriginServer grill = OriginServer.start(OriginOptions.defaults());
        SqsClient sqs = client(SqsClient.builder());
        LambdaClient lambda = client(LambdaClient.builder());
        DynamoDbClient dynamo = client(DynamoDbClient.builder())) {
      Testcontainers.exposeHostPorts(grill.baseUri().getPort());
      DynamoDbLedger.createTableIfMissing(dynamo, "ledger");
      String dead = sqs.createQueue(b -> b.queueName("dead")).queueUrl();
      String deadArn = arn(sqs, dead);
      Map<String, String> redrive =
          Map.of(
              "VisibilityTimeout",
              "30",
              "RedrivePolicy",
              "{\"deadLetterTargetArn\":\"" + deadArn + "\",\"maxReceiveCount\":2}");
      List<String> queues = new ArrayList<>();
      for (String name : List.of("orders", "grill", "assembly")) {
        queues.add(
            sqs.createQueue(b -> b.queueName(name).attributesWithStrings(redrive)).queueUrl());
      }
      String served = sqs.createQueue(b -> b.queueName("served")).queueUrl();
      // How a function inside LocalStack reaches LocalStack's own APIs.
      String inside = "http://localhost.localstack.cloud:4566";
      List<String> stages = List.of("take-orders", "cook-patties", "make-burgers");
      List<String> next = List.of(queues.get(1), queues.get(2), served);
      for (int i = 0; i < stages.size(); i++) {
        String stage = stages.get(i);
        String nextQueue = next.get(i);
        lambda.createFunction(
            create ->
                create
                    .functionName(stage)
                    .runtime(Runtime.JAVA21)
                    .handler(HANDLER)
                    .role("arn:aws:iam::000000000000:role/fanout")
                    .memorySize(1024)
                    .timeout(20)
                    .environment(
                        env ->
                            env.variables(
                                Map.of(
                                    "QUARKUS_LAMBDA_HANDLER", stage,
                                    "FANOUT_STAGE_NEXT_QUEUE_URL", nextQueue,
                                    "FANOUT_STAGE_GRILL_URL",
                                        "http://host.testcontainers.internal:"
                                            + grill.baseUri().getPort(),
                                    "FANOUT_ALLOW_LOCAL_TARGETS", "true",
                                    "FANOUT_LEDGER_TABLE", "ledger",
                                    "FANOUT_LEDGER_ENDPOINT", inside,
                                    "AWS_ENDPOINT_URL_SQS", inside)))
                    .code(code -> code.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.waiter().waitUntilFunctionActiveV2(get -> get.functionName(stage));
        String source = arn(sqs, queues.get(i));
        lambda.createEventSourceMapping(
            b ->
                b.functionName(stage)
                    .eventSourceArn(source)
                    .batchSize(stage.equals("cook-patties") ? 1 : 10)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
      }

      for (int customer = 1; customer <= 5; customer++) {
        int number = customer;
        sqs.sendMessage(
            b ->
                b.queueUrl(queues.get(0))
                    .messageBody("{\"order\": " + number + ", \"customer\": " + number + "}"));
      }
      sqs.sendMessage(
          b -> b.queueUrl(queues.get(0)).messageBody("{\"order\": 6, \"customer\": -1}"));

      Set<String> burgers = drain(sqs, served, 5, Duration.ofMinutes(4));
      Set<String> poisoned = drain(sqs, dead, 1, Duration.ofMinutes(3));
      assertThat(burgers).hasSize(5);
      assertThat(poisoned).singleElement().asString().contains("-1");
    }
  }

  private static Set<String> drain(SqsClient sqs, String url, int expected, Duration patience) {
    Set<String> bodies = new HashSet<>();
    long deadline = System.nanoTime() + patience.toNanos();
    while (bodies.size() < expected && System.nanoTime() < deadline) {
      for (Message message :
          sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(5))
              .messages()) {
        bodies.add(message.body());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
    return bodies;
  }

  private static String arn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C>
      C client(B builder) {
    return builder
        .endpointOverride(LOCALSTACK.getEndpoint())
        .region(Region.of(LOCALSTACK.getRegion()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
        .build();
  }

  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above the working directory");
  }
}

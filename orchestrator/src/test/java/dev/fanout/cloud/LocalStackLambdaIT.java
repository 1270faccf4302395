package dev.fanout.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.LambdaStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The same lambda strategy against LocalStack instead of the local Lambda service: only the
 * endpoint differs. Needs Docker; skipped cleanly where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackLambdaIT {
  // The last community tag that runs without an auth token.
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14.0"))
          .withServices(LocalStackContainer.Service.LAMBDA);

  @Test
  void lambdaStrategy_givesExactResultsOnLocalStack() throws IOException {
    byte[] zip = Files.readAllBytes(projectRoot().resolve("functions/lambda/target/function.zip"));
    try (LambdaAsyncClient admin =
        LambdaAsyncClient.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
            .build()) {
      admin
          .createFunction(
              create ->
                  create
                      .functionName("FibFunction")
                      .runtime(Runtime.JAVA21)
                      .architectures(Architecture.X86_64)
                      .handler(
                          "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest")
                      .role("arn:aws:iam::000000000000:role/fanout")
                      .memorySize(512)
                      .timeout(30)
                      .environment(env -> env.variables(Map.of("QUARKUS_LAMBDA_HANDLER", "fib")))
                      .code(code -> code.zipFile(SdkBytes.fromByteArray(zip))))
          .join();
      admin.waiter().waitUntilFunctionActiveV2(get -> get.functionName("FibFunction")).join();
    }
    List<com.fasterxml.jackson.databind.JsonNode> inputs = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      inputs.add(JsonNodeFactory.instance.objectNode().put("n", n));
    }
    Workload fib = new Workload("fib", inputs, 4, "localstack");
    LambdaTarget target =
        new LambdaTarget(LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion(), "LocalStack", false);

    RunResult run =
        new LambdaStrategy(target, 4, Duration.ofMinutes(2), System::nanoTime).run(fib, r -> {});

    assertThat(run.failed()).as("%s", run.tasks()).isZero();
    assertThat(run.tasks().stream().map(TaskRecord::output).map(o -> o.get("value").asLong()))
        .containsExactly(0L, 1L, 1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 89L);
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

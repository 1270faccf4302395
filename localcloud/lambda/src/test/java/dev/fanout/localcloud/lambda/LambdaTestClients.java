package dev.fanout.localcloud.lambda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The real artifacts (template.yaml, the built function.zip) and AWS SDK clients pointed at a local
 * Lambda service, as the integration tests and the benchmark use them.
 */
final class LambdaTestClients {
  private static final Pattern REPORT =
      Pattern.compile("REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms.*", Pattern.MULTILINE);

  private LambdaTestClients() {}

  /** The repository root: the nearest directory up from here holding template.yaml. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path template() {
    return repositoryRoot().resolve("template.yaml");
  }

  static Path functionZip() {
    return repositoryRoot().resolve("functions/lambda/target/function.zip");
  }

  /** Skips the calling test class when function.zip has not been built. */
  static void assumeFunctionZipBuilt() {
    assumeTrue(
        Files.isRegularFile(functionZip()),
        "no " + functionZip() + ": build it with ./mvnw -pl functions/lambda -am package");
  }

  /**
   * Options for the real template and zip, without its queues (the tests of event source mappings
   * turn them on).
   */
  static LocalLambdaOptions.Builder options() {
    return LocalLambdaOptions.builder(template(), functionZip()).queues(false);
  }

  /** A sync client on Apache 5, dummy credentials, us-east-1, no retries: every 429 is seen. */
  static LambdaClient client(URI endpoint) {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(Apache5HttpClient.builder().maxConnections(64).build())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(60))
                .build())
        .build();
  }

  /** An async client (Netty) with {@code maxConcurrency} connections and no retries. */
  static LambdaAsyncClient asyncClient(URI endpoint, int maxConcurrency) {
    return LambdaAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(
            NettyNioAsyncHttpClient.builder()
                .maxConcurrency(maxConcurrency)
                .maxPendingConnectionAcquires(100_000)
                // Dozens of cold starts at once on two cores outlast the default 30 s.
                .readTimeout(Duration.ofMinutes(3)))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofMinutes(3))
                .build())
        .build();
  }

  /** An invocation asking for the tail of the log. */
  static InvokeRequest request(String function, String json) {
    return InvokeRequest.builder()
        .functionName(function)
        .logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String(json))
        .build();
  }

  static InvokeResponse invoke(LambdaClient client, String function, String json) {
    return client.invoke(request(function, json));
  }

  static String payload(InvokeResponse response) {
    return response.payload().asUtf8String();
  }

  /** The decoded X-Amz-Log-Result. */
  static String log(InvokeResponse response) {
    return response.logResult() == null
        ? ""
        : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
  }

  /** The REPORT line of the log, or empty. */
  static Optional<String> reportLine(InvokeResponse response) {
    List<String> lines = log(response).lines().filter(l -> l.startsWith("REPORT ")).toList();
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
  }

  /** The REPORT line's Duration in milliseconds. */
  static double reportedMillis(InvokeResponse response) {
    Matcher matcher = REPORT.matcher(reportLine(response).orElse(""));
    if (!matcher.matches()) {
      throw new AssertionError("no REPORT line in " + log(response));
    }
    return Double.parseDouble(matcher.group(2));
  }
}

package dev.fanout.lambda;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Where a queue-fed stage sends its results: the queue of {@code FANOUT_STAGE_NEXT_QUEUE_URL} (the
 * template sets it to the next stage's queue), through one SQS client per instance. Against an SQS
 * other than AWS's ({@code AWS_ENDPOINT_URL_SQS}, which the local Lambda service sets), credentials
 * come from the environment or are local dummies: a local run never looks further for real ones.
 */
final class NextQueue {
  static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SQS";

  private final String url;
  private final Optional<URI> endpoint;
  private SqsClient client;

  /**
   * @param endpoint an SQS other than AWS's, empty for AWS's
   */
  NextQueue(String url, Optional<URI> endpoint) {
    this.url = url;
    this.endpoint = endpoint;
  }

  /** The next queue of the settings, or none; the SQS endpoint from the environment. */
  static Optional<NextQueue> of(LambdaSettings.Stage settings) {
    String endpoint = System.getenv(ENDPOINT_VARIABLE);
    Optional<URI> override =
        endpoint == null || endpoint.isBlank()
            ? Optional.empty()
            : Optional.of(URI.create(endpoint));
    return settings
        .nextQueueUrl()
        .filter(url -> !url.isBlank())
        .map(url -> new NextQueue(url, override));
  }

  void send(String body) {
    client().sendMessage(b -> b.queueUrl(url).messageBody(body));
  }

  String url() {
    return url;
  }

  private synchronized SqsClient client() {
    if (client == null) {
      SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(Apache5HttpClient.builder());
      if (endpoint.isPresent()) {
        builder
            .endpointOverride(endpoint.get())
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
            .credentialsProvider(
                AwsCredentialsProviderChain.of(
                    EnvironmentVariableCredentialsProvider.create(),
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("fanout", "local"))));
      }
      client = builder.build();
    }
    return client;
  }

  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}

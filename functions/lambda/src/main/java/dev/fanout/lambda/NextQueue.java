package dev.fanout.lambda;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where a queue-fed stage sends its results: the queue of {@code FANOUT_STAGE_NEXT_QUEUE_URL} (the
 * template sets it to the next stage's queue), through one SQS client per instance. Against an SQS
 * other than AWS's ({@code AWS_ENDPOINT_URL_SQS}, which the local Lambda service sets), the client
 * signs with local dummy credentials: a local run never looks for real ones.
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
      client =
          LambdaClients.target(endpoint)
              .configure(SqsClient.builder())
              .httpClientBuilder(Apache5HttpClient.builder())
              .build();
    }
    return client;
  }

  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}

package dev.fanout.localcloud.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local SQS: ElasticMQ in this JVM, speaking the SQS API (the JSON protocol of the AWS SDK v2
 * and the query protocol of older clients) on one address. Queues live in memory and die with it.
 */
public final class LocalSqs implements AutoCloseable {
  /** The account id in the queues' URLs and ARNs: the local account of every local server. */
  public static final String ACCOUNT_ID = "000000000000";

  private final SQSRestServer server;
  private final URI endpoint;
  private final String region;

  private LocalSqs(SQSRestServer server, URI endpoint, String region) {
    this.server = server;
    this.endpoint = endpoint;
    this.region = region;
  }

  /**
   * Starts the service on {@code host}:{@code port} (0 for any free port) and waits until it
   * listens.
   *
   * @throws IllegalStateException when it cannot listen there (the port is taken)
   */
  public static LocalSqs start(String host, int port, String region) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("a port is 0 (any free one) to 65535, got " + port);
    }
    int bound = port == 0 ? FreePort.find(host) : port;
    SQSRestServer server;
    Http.ServerBinding binding;
    try {
      server =
          SQSRestServerBuilder.withInterface(host)
              .withPort(bound)
              // The address queue URLs carry: the one the service really listens on.
              .withServerAddress(new NodeAddress("http", host, bound, ""))
              .withAWSRegion(region)
              .withAWSAccountId(ACCOUNT_ID)
              .start();
      binding = server.waitUntilStarted();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the local SQS cannot listen on " + host + ":" + bound + ": " + e.getMessage(), e);
    }
    URI endpoint = URI.create("http://" + host + ":" + binding.localAddress().getPort());
    return new LocalSqs(server, endpoint, region);
  }

  /** Where clients send SQS API calls, e.g. {@code http://127.0.0.1:9324}. */
  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return region;
  }

  /**
   * A client of this service through the AWS SDK, with fixed local credentials: a local run never
   * looks for real ones. The caller closes it.
   */
  public SqsClient client() {
    return client(endpoint, region);
  }

  /** An SDK client of a local SQS at {@code endpoint}, with fixed local credentials. */
  public static SqsClient client(URI endpoint, String region) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("fanout", "local")))
        .httpClientBuilder(
            Apache5HttpClient.builder()
                // Long polls hold a connection for up to 20 s; more than the SDK's default 50
                // connections may poll at once.
                .maxConnections(1_000)
                .socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  /**
   * Creates {@code queues} here, dead-letter queues before the queues that name them.
   *
   * @return the queues as they exist, by logical id
   */
  public Map<String, LocalQueue> create(TemplateQueues queues) {
    try (SqsClient sqs = client()) {
      return queues.createIn(sqs, region);
    }
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}

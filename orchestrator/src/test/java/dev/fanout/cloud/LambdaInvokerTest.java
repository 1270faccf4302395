package dev.fanout.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaServiceClientConfiguration;

/** How the invoker's client signs, by target; nothing is invoked. */
class LambdaInvokerTest {
  private static LambdaServiceClientConfiguration clientFor(LambdaTarget target) {
    try (LambdaInvoker invoker =
        LambdaInvoker.create(target, 1, Runnable::run, Duration.ofSeconds(1), System::nanoTime)) {
      return invoker.clientConfiguration();
    }
  }

  @Test
  void anEndpoint_isSignedWithTheLocalDummyCredentials_neverTheDefaultChain() {
    LambdaServiceClientConfiguration client =
        clientFor(
            new LambdaTarget(URI.create("http://127.0.0.1:9"), "eu-west-1", "an endpoint", false));

    assertThat(client.region()).isEqualTo(Region.EU_WEST_1);
    assertThat(client.endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
    assertThat(client.credentialsProvider()).isInstanceOf(StaticCredentialsProvider.class);
    assertThat(((AwsCredentialsProvider) client.credentialsProvider()).resolveCredentials())
        .satisfies(
            credentials -> {
              assertThat(credentials.accessKeyId()).isEqualTo("fanout");
              assertThat(credentials.secretAccessKey()).isEqualTo("local");
            });
  }

  @Test
  void aws_isSignedWithTheDefaultCredentialsChain_inTheTargetsRegion() {
    LambdaServiceClientConfiguration client =
        clientFor(new LambdaTarget(null, "ap-south-1", "AWS Lambda in ap-south-1", false));

    assertThat(client.region()).isEqualTo(Region.AP_SOUTH_1);
    assertThat(client.endpointOverride()).isEmpty();
    assertThat(client.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
  }
}

package dev.fanout.units.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;

/** Where clients go and how they sign; clients are built, never called. */
class AwsTargetTest {
  private static final URI LOCAL = URI.create("http://127.0.0.1:8000");

  private static DynamoDbServiceClientConfiguration built(AwsTarget target) {
    try (DynamoDbClient client = target.configure(DynamoDbClient.builder()).build()) {
      return client.serviceClientConfiguration();
    }
  }

  @Test
  void anEndpoint_isSignedWithTheLocalCredentials_inTheGivenRegion() {
    DynamoDbServiceClientConfiguration client = built(AwsTarget.endpoint(LOCAL, "eu-west-1"));

    assertThat(client.endpointOverride()).contains(LOCAL);
    assertThat(client.region()).isEqualTo(Region.EU_WEST_1);
    assertThat(client.credentialsProvider()).isSameAs(AwsTarget.LOCAL_CREDENTIALS);
    assertThat(AwsTarget.LOCAL_CREDENTIALS.resolveCredentials().accessKeyId()).isEqualTo("fanout");
  }

  @Test
  void anEndpoint_withNoRegion_isUsEast1_withoutAskingTheRegionChain() {
    assertThat(AwsTarget.endpoint(LOCAL).region()).isEqualTo(Region.US_EAST_1);
    assertThat(AwsTarget.endpoint(LOCAL, " ").region()).isEqualTo(Region.US_EAST_1);
    assertThat(AwsTarget.of(LOCAL, null).isAws()).isFalse();
  }

  @Test
  void aws_keepsTheDefaultCredentialsChain_inTheGivenRegion() {
    AwsTarget aws = AwsTarget.aws("ap-south-1");
    DynamoDbServiceClientConfiguration client = built(aws);

    assertThat(aws.isAws()).isTrue();
    assertThat(client.endpointOverride()).isEmpty();
    assertThat(client.region()).isEqualTo(Region.AP_SOUTH_1);
    assertThat(client.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void configuredRegion_isTheChains_orUsEast1WhenItHasNone() {
    assertThat(AwsTarget.configuredRegion(() -> Region.EU_CENTRAL_1))
        .isEqualTo(Region.EU_CENTRAL_1);
    assertThat(
            AwsTarget.configuredRegion(
                () -> {
                  throw SdkClientException.create("Unable to load region");
                }))
        .isEqualTo(Region.US_EAST_1);
  }

  @Test
  void anEndpointTarget_needsAnEndpoint() {
    assertThatThrownBy(() -> AwsTarget.endpoint(null, "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://127.0.0.1:8000");
  }
}

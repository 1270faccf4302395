package dev.fanout.units.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where an AWS SDK client goes and how it signs: the one rule for every client fanout builds. At an
 * endpoint (fanout's local cloud, LocalStack, DynamoDB Local, {@code sam local}) it signs with
 * fixed dummy credentials in a fixed region, so that a local run never reads a profile or the
 * environment's keys, never asks an instance-metadata service, and never sends a real key to an
 * emulator. Only AWS itself (no endpoint) uses the SDK's default credentials chain.
 *
 * @param endpoint the endpoint to talk to; null for AWS itself
 * @param region the region requests are signed for
 */
public record AwsTarget(URI endpoint, Region region) {
  /** The region where none is given or configured: what the AWS CLI and SAM fall back to. */
  public static final Region FALLBACK_REGION = Region.US_EAST_1;

  /** What local runs sign with; emulators accept any key and do not check signatures. */
  public static final AwsCredentialsProvider LOCAL_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("fanout", "local"));

  public AwsTarget {
    if (region == null) {
      throw new IllegalArgumentException("an AWS target needs a region, e.g. us-east-1");
    }
  }

  /**
   * AWS itself, in {@code region}; without one, in the default region chain's (AWS_REGION, the
   * profile's, the instance's), else {@link #FALLBACK_REGION}.
   */
  public static AwsTarget aws(String region) {
    return new AwsTarget(
        null, isBlank(region) ? configuredRegion(new DefaultAwsRegionProviderChain()) : of(region));
  }

  /** An endpoint other than AWS's, signed for {@code region}, or {@link #FALLBACK_REGION}. */
  public static AwsTarget endpoint(URI endpoint, String region) {
    if (endpoint == null) {
      throw new IllegalArgumentException(
          "an endpoint target needs an endpoint, e.g. http://127.0.0.1:8000");
    }
    return new AwsTarget(endpoint, isBlank(region) ? FALLBACK_REGION : of(region));
  }

  /** An endpoint other than AWS's, signed for {@link #FALLBACK_REGION}. */
  public static AwsTarget endpoint(URI endpoint) {
    return endpoint(endpoint, null);
  }

  /** {@code endpoint} when there is one, else AWS; either in {@code region} when given. */
  public static AwsTarget of(URI endpoint, String region) {
    return endpoint == null ? aws(region) : endpoint(endpoint, region);
  }

  /** The region {@code chain} finds, or {@link #FALLBACK_REGION} when it finds none. */
  static Region configuredRegion(AwsRegionProvider chain) {
    try {
      return chain.getRegion();
    } catch (SdkClientException e) {
      return FALLBACK_REGION;
    }
  }

  /** Whether this is AWS itself, where the default credentials chain signs. */
  public boolean isAws() {
    return endpoint == null;
  }

  /**
   * Points {@code builder} here: the region, and at an endpoint the endpoint and the local
   * credentials. On AWS the builder keeps the SDK's default credentials chain.
   */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    builder.region(region);
    if (endpoint != null) {
      builder.endpointOverride(endpoint).credentialsProvider(LOCAL_CREDENTIALS);
    }
    return builder;
  }

  private static Region of(String region) {
    return Region.of(region.strip());
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}

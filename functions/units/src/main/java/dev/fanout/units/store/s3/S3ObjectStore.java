package dev.fanout.units.store.s3;

import dev.fanout.units.StoreException;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.store.ObjectStore;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Stores objects in one S3 bucket under a key prefix: the image store in the cloud. Returns {@code
 * s3://bucket/prefix+key}.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
  private final S3Client client;
  private final String bucket;
  private final String prefix;

  /**
   * @param prefix prepended to every key as it is (S3 prefixes are plain string prefixes), e.g.
   *     {@code "fanout/"}; may be empty
   */
  public S3ObjectStore(S3Client client, String bucket, String prefix) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("an S3 object store needs a bucket name");
    }
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
  }

  /**
   * A store with its own client, every call bounded by {@code callTimeout}.
   *
   * @param target AWS itself (in Lambda, the function's region and role), or an S3-compatible
   *     endpoint (LocalStack, S3Mock), addressed path-style and signed with dummy credentials
   */
  public static S3ObjectStore create(
      String bucket, String prefix, AwsTarget target, Duration callTimeout) {
    S3Client client =
        target
            .configure(S3Client.builder())
            .httpClientBuilder(Apache5HttpClient.builder())
            .overrideConfiguration(c -> c.apiCallTimeout(callTimeout))
            .forcePathStyle(!target.isAws())
            .build();
    return new S3ObjectStore(client, bucket, prefix);
  }

  @Override
  public String put(String key, byte[] bytes, String contentType) {
    String fullKey = prefix + key;
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(fullKey);
    if (contentType != null && !contentType.isBlank()) {
      request.contentType(contentType);
    }
    try {
      client.putObject(request.build(), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new StoreException(
          "cannot store s3://"
              + bucket
              + "/"
              + fullKey
              + ": "
              + e.getMessage()
              + "; check that the bucket exists and that the function may s3:PutObject there",
          e);
    }
    return "s3://" + bucket + "/" + fullKey;
  }

  @Override
  public void close() {
    client.close();
  }
}

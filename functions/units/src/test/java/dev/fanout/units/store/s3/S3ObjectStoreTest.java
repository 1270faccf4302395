package dev.fanout.units.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.fanout.units.StoreException;
import dev.fanout.units.aws.AwsTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The S3 adapter against S3Mock, a real S3-compatible server started in this JVM. */
class S3ObjectStoreTest {
  private static final String BUCKET = "fanout-images";

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withInitialBuckets(BUCKET)
          .withProperty("server.address", "127.0.0.1")
          .withProperty("spring.main.sources", S3MockOnLoopback.class.getName())
          .build();

  private static S3Client client;

  @BeforeAll
  static void connect() {
    client =
        S3Client.builder()
            .endpointOverride(endpoint())
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(Apache5HttpClient.builder())
            .build();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  private static URI endpoint() {
    return URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort());
  }

  @Test
  void put_storesTheBytesUnderPrefixAndKey_andReturnsTheS3Url() {
    S3ObjectStore store = new S3ObjectStore(client, BUCKET, "run-1/");
    byte[] image = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3};

    String where = store.put("images/7.jpg", image, "image/jpeg");

    assertThat(where).isEqualTo("s3://fanout-images/run-1/images/7.jpg");
    ResponseBytes<GetObjectResponse> stored =
        client.getObjectAsBytes(b -> b.bucket(BUCKET).key("run-1/images/7.jpg"));
    assertThat(stored.asByteArray()).isEqualTo(image);
    assertThat(stored.response().contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void put_replacesWhatWasThere() {
    S3ObjectStore store = new S3ObjectStore(client, BUCKET, "");

    store.put("images/1.bin", "first".getBytes(StandardCharsets.UTF_8), "");
    String where = store.put("images/1.bin", "second".getBytes(StandardCharsets.UTF_8), "");

    assertThat(where).isEqualTo("s3://fanout-images/images/1.bin");
    assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/1.bin")).asUtf8String())
        .isEqualTo("second");
  }

  @Test
  void put_intoAMissingBucket_failsAsStoreFailedNamingTheTarget() {
    S3ObjectStore store = new S3ObjectStore(client, "no-such-bucket", "p/");

    assertThatThrownBy(() -> store.put("images/2.png", new byte[] {1}, "image/png"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.errorType()).isEqualTo("StoreFailed"))
        .hasMessageContaining("s3://no-such-bucket/p/images/2.png")
        .hasMessageContaining("s3:PutObject");
  }

  @Test
  void create_buildsAWorkingClientForAnS3CompatibleEndpoint() {
    // The factory takes region and credentials from the SDK's default chains, as in Lambda.
    String[] keys = {"aws.region", "aws.accessKeyId", "aws.secretAccessKey"};
    String[] values = {"eu-west-1", "test", "test"};
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.setProperty(keys[i], values[i]);
    }
    try (S3ObjectStore store =
        S3ObjectStore.create(
            BUCKET, "factory/", AwsTarget.endpoint(endpoint()), Duration.ofSeconds(10))) {
      assertThat(store.put("images/3.png", new byte[] {3}, "image/png"))
          .isEqualTo("s3://fanout-images/factory/images/3.png");
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
    assertThat(
            client
                .getObjectAsBytes(b -> b.bucket(BUCKET).key("factory/images/3.png"))
                .asByteArray())
        .containsExactly(3);
  }

  @Test
  void constructor_refusesABlankBucket() {
    assertThatThrownBy(() -> new S3ObjectStore(client, " ", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
  }
}

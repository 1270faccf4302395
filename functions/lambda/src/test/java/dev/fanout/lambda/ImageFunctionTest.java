package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ImageFunctionTest.Image.class)
class ImageFunctionTest {
  public static class Image implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("fanout-images-");
        return Map.of(
            "quarkus.lambda.handler", "image",
            "fanout.allow-local-targets", "true",
            "fanout.image.dir", dir.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static TestOrigin origin;

  @BeforeAll
  static void startOrigin() {
    origin = TestOrigin.start();
  }

  @AfterAll
  static void stopOrigin() {
    origin.close();
  }

  private static Path imageDir() {
    return Path.of(ConfigProvider.getConfig().getValue("fanout.image.dir", String.class));
  }

  @Test
  void image_isStoredInTheImageDir_andDescribed() throws Exception {
    String event = "{\"id\": 3, \"url\": \"" + origin.uri("/image.png") + "\"}";

    String sha256 =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TestOrigin.PNG));
    Path stored = imageDir().resolve("images/3.png");
    assertThat(MockLambda.result(event))
        .isEqualTo(
            json(
                "{\"id\":3,\"bytes\":"
                    + TestOrigin.PNG.length
                    + ",\"sha256\":\""
                    + sha256
                    + "\",\"storedAt\":\""
                    + stored
                    + "\"}"));
    assertThat(stored).hasBinaryContent(TestOrigin.PNG);
  }

  @Test
  void outOfRange_isInvalidInput_andNothingIsFetchedOrStored() {
    int before = origin.requests();
    String event = "{\"id\": -1, \"url\": \"" + origin.uri("/image.png") + "\"}";

    assertThat(MockLambda.error(event))
        .isEqualTo(
            MockLambda.errorJson(
                "InvalidInput",
                "image: field 'id' must be an integer from 0 to 1000000, got -1 (number)"));
    assertThat(origin.requests()).isEqualTo(before);
    assertThat(imageDir().resolve("images/-1.png")).doesNotExist();
  }

  @Test
  void missingUrl_isInvalidInput() {
    assertThat(MockLambda.error("{\"id\": 1}"))
        .isEqualTo(
            MockLambda.errorJson(
                "InvalidInput",
                "image: field 'url' is missing; it must be an absolute http or https URL"));
  }
}

package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.errorJson;
import static dev.fanout.lambda.MockLambda.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DownloadFunctionTest.Download.class)
class DownloadFunctionTest {
  public static class Download implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // The duration forms template.yaml uses (FANOUT_FETCH_TIMEOUT: 10s) must parse.
      return Map.of(
          "quarkus.lambda.handler", "download",
          "fanout.allow-local-targets", "true",
          "fanout.fetch.timeout", "5s",
          "fanout.deadline-margin", "250ms");
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

  @Test
  void download_answersWithStatusAndSize() {
    String url = origin.uri("/page").toString();

    assertThat(MockLambda.result("{\"url\": \"" + url + "\"}"))
        .isEqualTo(
            json(
                "{\"url\":\""
                    + url
                    + "\",\"status\":200,\"bytes\":"
                    + TestOrigin.PAGE.length
                    + "}"));
  }

  @Test
  void wrongType_isInvalidInput_andNothingIsFetched() {
    int before = origin.requests();

    assertThat(MockLambda.error("{\"url\": 42}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "download: field 'url' must be an absolute http or https URL of at most 2048"
                    + " characters, got 42 (number)"));
    assertThat(origin.requests()).isEqualTo(before);
  }

  @Test
  void missingField_isInvalidInput() {
    assertThat(MockLambda.error("{\"uri\": \"http://example.com/\"}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "download: unknown field 'uri'; the input takes url, e.g. {\"url\":"
                    + " \"http://127.0.0.1:8080/pages/jython\"}"));
  }

  @Test
  void notHttp_isInvalidInput() {
    assertThat(MockLambda.error("{\"url\": \"file:///etc/passwd\"}").get("errorType").textValue())
        .isEqualTo("InvalidInput");
  }

  @Test
  void errorStatus_isFetchFailed() {
    String url = origin.uri("/missing").toString();

    assertThat(MockLambda.error("{\"url\": \"" + url + "\"}"))
        .isEqualTo(errorJson("FetchFailed", "GET " + url + " answered HTTP 404"));
  }
}

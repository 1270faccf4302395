package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The function as configured by application.properties alone, as it runs in the cloud. */
@QuarkusTest
class DefaultHandlerTest {
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
  void defaultHandler_isDownload_andRefusesLocalTargets_beforeAnyRequest() {
    String url = origin.uri("/page").toString();

    JsonNode error = MockLambda.error("{\"url\": \"" + url + "\"}");

    assertThat(error.get("errorType").textValue()).isEqualTo("FetchFailed");
    assertThat(error.get("errorMessage").textValue())
        .startsWith("refused " + url + ": '127.0.0.1' resolves to 127.0.0.1, a loopback address");
    assertThat(origin.requests()).isZero();
  }
}

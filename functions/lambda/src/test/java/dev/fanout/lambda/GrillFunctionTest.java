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
@TestProfile(GrillFunctionTest.Grill.class)
class GrillFunctionTest {
  public static class Grill implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // A local run, as the local Lambda service makes it: the grill is on 127.0.0.1.
      return Map.of("quarkus.lambda.handler", "grill", "fanout.allow-local-targets", "true");
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
  void grill_answersWithTheCookedPatty() {
    String url = origin.uri("/grill/4?millis=400").toString();

    assertThat(MockLambda.result("{\"patty\": 4, \"url\": \"" + url + "\"}"))
        .isEqualTo(json("{\"patty\":4,\"cookedMillis\":400}"));
  }

  @Test
  void aGrillThatCooksAnotherPatty_isFetchFailed() {
    String url = origin.uri("/grill/5?millis=0").toString();

    assertThat(MockLambda.error("{\"patty\": 4, \"url\": \"" + url + "\"}"))
        .isEqualTo(
            errorJson(
                "FetchFailed",
                "the grill at "
                    + url
                    + " cooked patty 5, not patty 4: its URL must name the same patty as the"
                    + " input"));
  }

  @Test
  void badUrl_isInvalidInput_andNothingIsFetched() {
    int before = origin.requests();

    assertThat(MockLambda.error("{\"patty\": 4, \"url\": \"file:///grill/4\"}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "grill: field 'url' must be an absolute http or https URL, got"
                    + " \"file:///grill/4\""));
    assertThat(origin.requests()).isEqualTo(before);
  }
}

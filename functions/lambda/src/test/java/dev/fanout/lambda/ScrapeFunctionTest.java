package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.errorJson;
import static dev.fanout.lambda.MockLambda.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ScrapeFunctionTest.Scrape.class)
class ScrapeFunctionTest {
  public static class Scrape implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "scrape", "fanout.allow-local-targets", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Pokedex.class));
    }
  }

  /** The test origin as the function's Pokedex: its port must be known before Quarkus starts. */
  public static class Pokedex implements QuarkusTestResourceLifecycleManager {
    private TestOrigin origin;

    @Override
    public Map<String, String> start() {
      origin = TestOrigin.start();
      return Map.of("fanout.pokedex-base", origin.uri("/pokedex/").toString());
    }

    @Override
    public void stop() {
      origin.close();
    }
  }

  @Test
  void scrape_answersWithTheFirstHeading() {
    assertThat(MockLambda.result("{\"number\": 1}"))
        .isEqualTo(json("{\"number\":1,\"name\":\"Bulbasaur\"}"));
  }

  @Test
  void outOfRange_isInvalidInput() {
    assertThat(MockLambda.error("{\"number\": 0}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "scrape: field 'number' must be an integer from 1 to 1025, got 0 (number)"));
  }

  @Test
  void wrongType_isInvalidInput() {
    assertThat(MockLambda.error("{\"number\": 1.5}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "scrape: field 'number' must be an integer from 1 to 1025, got 1.5 (number)"));
  }
}

package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.errorJson;
import static dev.fanout.lambda.MockLambda.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BurgerFunctionTest.Burger.class)
class BurgerFunctionTest {
  private static final String ORDER =
      "\"order\": {\"order\": 1, \"customer\": 1, \"burger\": \"cheeseburger\"}";

  public static class Burger implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "burger");
    }
  }

  @Test
  void burger_answersWithTheBurgerAndItsWrapper() {
    assertThat(
            MockLambda.result("{" + ORDER + ", \"patty\": {\"patty\": 1, \"cookedMillis\": 400}}"))
        .isEqualTo(
            json(
                "{\"order\":1,\"customer\":1,\"patty\":1,\"burger\":\"cheeseburger\","
                    + "\"wrapper\":\"844527a7addbf871\"}"));
  }

  @Test
  void aBadNestedField_isInvalidInputNamingItsPath() {
    assertThat(
            MockLambda.error(
                "{" + ORDER + ", \"patty\": {\"patty\": \"one\", \"cookedMillis\": 400}}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "burger: field 'patty.patty' must be an integer from 0 to 1000000000, got"
                    + " \"one\" (string)"));
  }

  @Test
  void aMissingPatty_isInvalidInput() {
    assertThat(MockLambda.error("{" + ORDER + "}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "burger: field 'patty' is missing; it must be an object like {\"patty\": 1,"
                    + " \"cookedMillis\": 400}"));
  }
}

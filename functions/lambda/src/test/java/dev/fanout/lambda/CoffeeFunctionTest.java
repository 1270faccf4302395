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
@TestProfile(CoffeeFunctionTest.Coffee.class)
class CoffeeFunctionTest {
  public static class Coffee implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "coffee");
    }
  }

  @Test
  void coffee_answersWithTheDrinkAndHowLongItsRecipeWaited() {
    assertThat(MockLambda.result("{\"drink\": \"espresso\"}"))
        .isEqualTo(
            json(
                "{\"drink\":\"espresso\",\"embellishments\":0,\"millis\":100,"
                    + "\"grounds\":\"a2dd8b1f2dd61ddd\"}"));
  }

  @Test
  void theArticlesOrder_isServed() {
    assertThat(
            MockLambda.result(
                "{\"drink\": \"mocha\", \"embellishments\": [\"marshmallows\", \"chocolate"
                    + " flake\"]}"))
        .isEqualTo(
            json(
                "{\"drink\":\"mocha\",\"embellishments\":2,\"millis\":1400,"
                    + "\"grounds\":\"6cb2288420437656\"}"));
  }

  @Test
  void anUnknownEmbellishment_isInvalidInputNamingItsPlace() {
    assertThat(MockLambda.error("{\"drink\": \"latte\", \"embellishments\": [\"gold leaf\"]}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "coffee: field 'embellishments[0]' must be one of extra shot, oat milk, vanilla"
                    + " syrup, caramel syrup, cinnamon, honey, sprinkles, whipped cream,"
                    + " marshmallows, chocolate flake, got \"gold leaf\" (string)"));
  }
}

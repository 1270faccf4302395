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
@TestProfile(OrderFunctionTest.Order.class)
class OrderFunctionTest {
  public static class Order implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "order");
    }
  }

  @Test
  void order_answersWithTheCustomersOrder() {
    assertThat(MockLambda.result("{\"customer\": 1}"))
        .isEqualTo(json("{\"order\":1,\"customer\":1,\"burger\":\"cheeseburger\"}"));
    assertThat(MockLambda.result("{\"customer\": 2, \"order\": 10}"))
        .isEqualTo(json("{\"order\":10,\"customer\":2,\"burger\":\"bacon burger\"}"));
  }

  @Test
  void outOfRange_isInvalidInputNamingFieldAndRange() {
    assertThat(MockLambda.error("{\"customer\": -1}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "order: field 'customer' must be an integer from 0 to 1000000000, got -1"
                    + " (number)"));
  }

  @Test
  void unknownField_isInvalidInputListingTheFields() {
    assertThat(MockLambda.error("{\"customer\": 1, \"burger\": \"hamburger\"}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "order: unknown field 'burger'; the input takes customer, order, e.g."
                    + " {\"customer\": 1}"));
  }
}
